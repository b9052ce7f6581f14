import {
  useEffect,
  useId,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';

export interface Popup {
  open: boolean;
  setOpen: (open: boolean) => void;
  /** For the element holding the button and the panel. */
  rootProps: {
    ref: RefObject<HTMLDivElement | null>;
    onKeyDown: (event: KeyboardEvent<HTMLDivElement>) => void;
    onBlur: (event: FocusEvent<HTMLDivElement>) => void;
  };
  /** For the button that opens and closes it. */
  buttonProps: {
    ref: RefObject<HTMLButtonElement | null>;
    'aria-expanded': boolean;
    'aria-controls': string;
    onClick: () => void;
  };
  /** For the panel. */
  panelProps: { id: string; hidden: boolean };
}

/**
 * A disclosure popup (a header menu): the button toggles it; a click outside,
 * tabbing out or Escape closes it, Escape returning focus to the button.
 *
 * @example
 * const popup = usePopup();
 * <div {...popup.rootProps}><button {...popup.buttonProps}>Units</button><div {...popup.panelProps}>…</div></div>
 */
export function usePopup(): Popup {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  return {
    open,
    setOpen,
    rootProps: {
      ref: root,
      onKeyDown(event) {
        if (event.key === 'Escape' && open) {
          event.preventDefault();
          setOpen(false);
          button.current?.focus();
        }
      },
      onBlur(event) {
        // Tabbing out closes it, as clicking outside does. (No related target:
        // a click, which Safari does not let focus a radio; pointerdown decides.)
        if (event.relatedTarget && !event.currentTarget.contains(event.relatedTarget))
          setOpen(false);
      },
    },
    buttonProps: {
      ref: button,
      'aria-expanded': open,
      'aria-controls': `${id}-panel`,
      onClick: () => setOpen(!open),
    },
    panelProps: { id: `${id}-panel`, hidden: !open },
  };
}
