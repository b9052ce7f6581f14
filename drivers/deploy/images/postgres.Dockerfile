# Debian's PostgreSQL, for the deploy test (the compose file uses the official image).
ARG DEBIAN_IMAGE=skycast-test/debian:bookworm
FROM ${DEBIAN_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends postgresql-15 \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/* \
 && install -d -o postgres -g postgres /var/run/postgresql /var/lib/postgresql/data
USER postgres
ENV PATH=/usr/lib/postgresql/15/bin:$PATH PGDATA=/var/lib/postgresql/data
RUN echo skycast > /tmp/pw \
 && initdb --auth-local=trust --auth-host=scram-sha-256 --username=postgres --pwfile=/tmp/pw \
 && rm /tmp/pw \
 && echo "host all all 0.0.0.0/0 scram-sha-256" >> "$PGDATA/pg_hba.conf" \
 && echo "CREATE DATABASE skycast" | postgres --single -D "$PGDATA" postgres
EXPOSE 5432
STOPSIGNAL SIGINT
CMD ["postgres", "-c", "listen_addresses=*", "-c", "max_connections=100"]
