import type { BackupInfo } from '../../../src-preload/contract';

export const REASON_LABELS: Record<BackupInfo['reason'], string> = {
  daily: 'Daily',
  manual: 'Taken by hand',
  'pre-migration': 'Before an update',
  'pre-import': 'Before an import',
  'pre-restore': 'Before a restore',
  unknown: 'Added to the folder',
};

export function clientsLabel(b: BackupInfo): string {
  return b.clients === null ? '—' : `${b.clients} ${b.clients === 1 ? 'client' : 'clients'}`;
}
