// Shapes returned by the platform-level endpoints this module reads.

export type HealthStatus = 'ok' | 'degraded';

// GET /api/health
export interface Health {
  status: HealthStatus | string;
  version: string;
  database: {
    kind: string;
    reachable: boolean;
    schema_version: number | null;
  };
}
