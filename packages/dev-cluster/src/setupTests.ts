// Each suite starts a cluster, which parses and compiles every CRD schema first.
jest.setTimeout(60_000);
