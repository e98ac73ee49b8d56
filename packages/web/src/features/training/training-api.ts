// Calls of the training section: roster, courses, attendance and T3.
import type {
  AttendanceUpdate, AttendeeAdd, AttendeeCandidate, CourseDetail, CourseInput, CourseListItem, FocalPointEnd, FocalPointInput, FocalPointView, T3Value,
} from '@binhan/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, withQuery } from '../../lib/api';

export const trainingKeys = {
  all: ['training'] as const,
  roster: (q: object) => ['training', 'roster', q] as const,
  courses: (q: object) => ['training', 'courses', q] as const,
  course: (id: string) => ['training', 'course', id] as const,
  candidates: (id: string, q: string) => ['training', 'candidates', id, q] as const,
  t3: (q: object) => ['training', 't3', q] as const,
};

export interface RosterFilters { unitId?: string | undefined; q?: string | undefined; status: 'active' | 'ended' | 'all' }
export interface CourseFilters { unitId?: string | undefined; from?: string | undefined; to?: string | undefined; q?: string | undefined }
export interface T3Filters { unitId?: string | undefined; from: string; to: string; trainedFrom?: string | undefined }

export function useRoster(filters: RosterFilters) {
  return useQuery({
    queryKey: trainingKeys.roster(filters),
    queryFn: async ({ signal }) => (await api.get<{ items: FocalPointView[] }>(withQuery('/api/training/roster', { ...filters }), { signal })).items,
    placeholderData: keepPreviousData,
  });
}

export function useCourses(filters: CourseFilters) {
  return useQuery({
    queryKey: trainingKeys.courses(filters),
    queryFn: async ({ signal }) => (await api.get<{ items: CourseListItem[] }>(withQuery('/api/training/courses', { ...filters }), { signal })).items,
    placeholderData: keepPreviousData,
  });
}

export function useCourse(id: string) {
  return useQuery({ queryKey: trainingKeys.course(id), queryFn: ({ signal }) => api.get<CourseDetail>(`/api/training/courses/${encodeURIComponent(id)}`, { signal }) });
}

export function useCandidates(id: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: trainingKeys.candidates(id, q),
    queryFn: async ({ signal }) => (await api.get<{ items: AttendeeCandidate[] }>(withQuery(`/api/training/courses/${encodeURIComponent(id)}/candidates`, { q }), { signal })).items,
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useT3(filters: T3Filters, enabled: boolean) {
  return useQuery({
    queryKey: trainingKeys.t3(filters),
    queryFn: ({ signal }) => api.get<T3Value>(withQuery('/api/indicators/t3', { ...filters }), { signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export const createPosting = (input: FocalPointInput) => api.post<FocalPointView>('/api/training/roster', input);
export const updatePosting = (id: string, input: FocalPointInput) => api.put<FocalPointView>(`/api/training/roster/${encodeURIComponent(id)}`, input);
export const endPosting = (id: string, input: FocalPointEnd) => api.post<FocalPointView>(`/api/training/roster/${encodeURIComponent(id)}/end`, input);
export const createCourse = (input: CourseInput) => api.post<CourseDetail>('/api/training/courses', input);
export const updateCourse = (id: string, input: CourseInput) => api.put<CourseDetail>(`/api/training/courses/${encodeURIComponent(id)}`, input);
export const addAttendee = (courseId: string, input: AttendeeAdd) => api.post<CourseDetail>(`/api/training/courses/${encodeURIComponent(courseId)}/attendees`, input);
export const updateAttendance = (id: string, input: AttendanceUpdate) => api.put<CourseDetail>(`/api/training/attendances/${encodeURIComponent(id)}`, input);
export const removeAttendee = (id: string) => api.delete<CourseDetail>(`/api/training/attendances/${encodeURIComponent(id)}`);
