/** The react-query hooks for reports. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Input } from '../src-preload/contract';
import { call } from './api';
import { keys } from './keys';

export function useReport(input: Input<'report-run'> | null) {
  return useQuery({
    queryKey: keys.report(input ?? { from: '', to: '', period: 'month', groupBy: 'location' }),
    queryFn: () => call('report-run', input!),
    enabled: input !== null,
    placeholderData: keepPreviousData,
  });
}
