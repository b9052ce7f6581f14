import { TextField } from './TextField.tsx';

/** One text field of a form: what the person sees; its value and error live in the form. */
export interface FieldSpec<Name extends string> {
  name: Name;
  label: string;
  type: 'email' | 'password' | 'text';
  autoComplete: 'email' | 'username' | 'current-password' | 'new-password';
  hint?: string | undefined;
}

interface FormFieldsProps<Name extends string> {
  fields: readonly FieldSpec<Name>[];
  values: Record<Name, string>;
  errors: Partial<Record<Name, string>>;
  onChange: (name: Name, value: string) => void;
}

/** A form's text fields, each with its value and the error placed beside it. */
export function FormFields<Name extends string>({
  fields,
  values,
  errors,
  onChange,
}: FormFieldsProps<Name>) {
  return fields.map((field) => (
    <TextField
      key={field.name}
      label={field.label}
      type={field.type}
      autoComplete={field.autoComplete}
      value={values[field.name]}
      onChange={(value) => onChange(field.name, value)}
      error={errors[field.name]}
      hint={field.hint}
    />
  ));
}
