/** What one service says of itself when asked `<service>.v1.health.check`. */
export interface HealthReply {
  service: string;
  status: 'up' | 'down';
  checks: Record<string, 'up' | 'down'>;
  detail?: Record<string, unknown>;
}
