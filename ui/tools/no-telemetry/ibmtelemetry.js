#!/usr/bin/env node
// Carbon's and IBM Plex's packages run `ibmtelemetry --config=telemetry.yml` after install; the real
// command (@ibm/telemetry-js) starts a detached reporter process per package. This one does nothing.
