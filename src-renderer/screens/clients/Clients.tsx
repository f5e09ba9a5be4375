/** The Clients page: the list, or one client's profile. The search survives a visit to a profile. */
import { useState } from 'react';
import { ClientList } from './ClientList';
import { ClientProfile } from './ClientProfile';

export function Clients() {
  const [search, setSearch] = useState('');
  const [openId, setOpenId] = useState<number | null>(null);
  if (openId !== null) return <ClientProfile key={openId} id={openId} onBack={() => setOpenId(null)} onOpenClient={setOpenId} />;
  return <ClientList search={search} onSearch={setSearch} onOpen={setOpenId} />;
}
