// Calls of the network section: members, trusted addresses, coverage, and the audited reveals.
import type {
  NetworkCoverage, NetworkMemberInput, NetworkMemberView, TrustedAddressInput, TrustedAddressReveal, TrustedAddressStatus, TrustedAddressView,
} from '@binhan/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api';

export const networkKeys = {
  all: ['network'] as const,
  members: (q: object) => ['network', 'members', q] as const,
  trusted: (q: object) => ['network', 'trusted', q] as const,
  coverage: (q: object) => ['network', 'coverage', q] as const,
};

export interface MemberFilters { unitId?: string | undefined; activeOnly: 'true' | 'false'; coreOnly: 'true' | 'false' }

export function useMembers(filters: MemberFilters) {
  return useQuery({
    queryKey: networkKeys.members(filters),
    queryFn: async ({ signal }) => (await api.get<{ items: NetworkMemberView[] }>(withQuery('/api/network/members', { ...filters }), { signal })).items,
    placeholderData: keepPreviousData,
  });
}

export function useTrustedAddresses(filters: { unitId?: string | undefined; status: TrustedAddressStatus | 'all' }, enabled: boolean) {
  return useQuery({
    queryKey: networkKeys.trusted(filters),
    queryFn: async ({ signal }) => (await api.get<{ items: TrustedAddressView[] }>(withQuery('/api/network/trusted-addresses', { ...filters }), { signal })).items,
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useCoverage(filters: { unitId?: string | undefined; from: string; to: string }, enabled: boolean) {
  return useQuery({
    queryKey: networkKeys.coverage(filters),
    queryFn: ({ signal }) => api.get<NetworkCoverage>(withQuery('/api/network/coverage', { ...filters }), { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

/** The JSON body of a member: `phone` left out keeps the stored number, '' removes it. */
export type MemberBody = Omit<NetworkMemberInput, 'phone'> & { phone?: string };
export type TrustedBody = Omit<TrustedAddressInput, 'phone'> & { phone?: string };

export const createMember = (input: MemberBody) => api.post<NetworkMemberView>('/api/network/members', input);
export const updateMember = (id: string, input: MemberBody) => api.put<NetworkMemberView>(`/api/network/members/${encodeURIComponent(id)}`, input);
export const revealMember = (id: string) => api.post<{ phone: string | null }>(`/api/network/members/${encodeURIComponent(id)}/reveal`);
export const createTrustedAddress = (input: TrustedBody) => api.post<TrustedAddressView>('/api/network/trusted-addresses', input);
export const updateTrustedAddress = (id: string, input: TrustedBody) => api.put<TrustedAddressView>(`/api/network/trusted-addresses/${encodeURIComponent(id)}`, input);
export const revealTrustedAddress = (id: string) => api.post<TrustedAddressReveal>(`/api/network/trusted-addresses/${encodeURIComponent(id)}/reveal`);

export interface LinkableAccount { id: string; displayName: string; unit: { id: string; code: string; name: string; kind: string } | null; linkedMemberId: string | null }

export function useLinkableAccounts(memberId: string | undefined) {
  return useQuery({
    queryKey: ['network', 'accounts', memberId ?? ''],
    queryFn: async ({ signal }) => (await api.get<{ items: LinkableAccount[] }>(withQuery('/api/network/accounts', { memberId }), { signal })).items,
  });
}
