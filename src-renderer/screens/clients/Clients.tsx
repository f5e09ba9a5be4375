/** The Clients page: the list, or one client's profile. Search, filters and sort survive a visit to a profile. */
import { useState } from 'react';
import type { CampaignAudience } from '../../../src-preload/contract';
import { ClientList, type ListState } from './ClientList';
import { ClientProfile } from './ClientProfile';

export function Clients({ openId, onOpen, onEmailList }: { openId: number | null; onOpen: (id: number | null) => void; onEmailList?: (a: CampaignAudience) => void }) {
  const [list, setList] = useState<ListState>({ search: '', filters: {}, sort: { by: 'name', dir: 'asc' } });
  if (openId !== null) return <ClientProfile key={openId} id={openId} onBack={() => onOpen(null)} onOpenClient={onOpen} />;
  return <ClientList state={list} onState={setList} onOpen={onOpen} onEmailList={onEmailList} />;
}
