/** The react-query hooks for email: the shop's mail settings, a client's emails, campaigns. */
import { useQuery } from '@tanstack/react-query';
import { call } from './api';
import { keys } from './keys';

export function useMailSettings() {
  return useQuery({ queryKey: keys.mailSettings, queryFn: () => call('mail-settings-get', {}) });
}

export function useClientMessages(clientId: number) {
  return useQuery({ queryKey: keys.clientMessages(clientId), queryFn: () => call('message-list', { clientId }) });
}

export function useCampaigns(enabled: boolean) {
  return useQuery({ queryKey: keys.campaigns, queryFn: () => call('campaign-list', {}), enabled });
}

/** While it sends, the report refreshes every second and a half. */
export function useCampaign(id: number) {
  return useQuery({
    queryKey: keys.campaign(id),
    queryFn: () => call('campaign-get', { id }),
    refetchInterval: (q) => (q.state.data?.status === 'sending' ? 1500 : false),
  });
}
