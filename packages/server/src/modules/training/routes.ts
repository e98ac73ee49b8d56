// Routes of the officials roster, training courses and indicator T3. Readers of training see the roster
// and courses of their area; those who manage training change them, within their area only.
import { z } from 'zod';
import {
  AttendanceUpdate, AttendeeAdd, AttendeeCandidate, CourseDetail, CourseInput, CourseListItem, CourseQuery, FocalPointEnd, FocalPointInput, FocalPointView,
  IdParams, RosterQuery, T3Query, T3Value, optionalText,
} from '@binhan/domain';
import { requires } from '../../http/access.js';
import { errorResponses, type ZodApp } from '../../http/zod-app.js';
import {
  addAttendee, attendeeCandidates, courseDetail, createCourse, listCourses, removeAttendee, updateAttendance, updateCourse,
} from './courses.js';
import { createPosting, endPosting, listRoster, updatePosting } from './roster.js';
import { computeT3Value } from './t3.js';

const RosterList = z.object({ items: z.array(FocalPointView) });
const CourseList = z.object({ items: z.array(CourseListItem) });
const CandidateList = z.object({ items: z.array(AttendeeCandidate) });
const CandidateQuery = z.strictObject({ q: optionalText(100) });

export async function trainingRoutes(app: ZodApp): Promise<void> {
  const deps = app.deps;
  const tags = ['training'];

  app.get('/api/training/roster', {
    config: { access: requires('training.read') },
    schema: { tags, summary: 'Roster of gender-equality focal points of a unit’s area (postings), with the last GBV course each completed', querystring: RosterQuery, response: { 200: RosterList, ...errorResponses } },
  }, async (request) => ({ items: await listRoster(deps, request, request.query) }));

  app.post('/api/training/roster', {
    config: { access: requires('training.manage') },
    schema: { tags, summary: 'Add a posting to the roster (a new person, or a new post of a person already on it)', body: FocalPointInput, response: { 201: FocalPointView, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await createPosting(deps, request, request.body)));

  app.put('/api/training/roster/:id', {
    config: { access: requires('training.manage') },
    schema: { tags, summary: 'Correct a posting', params: IdParams, body: FocalPointInput, response: { 200: FocalPointView, ...errorResponses } },
  }, async (request) => updatePosting(deps, request, request.params.id, request.body));

  app.post('/api/training/roster/:id/end', {
    config: { access: requires('training.manage') },
    schema: { tags, summary: 'End a posting on its last day', params: IdParams, body: FocalPointEnd, response: { 200: FocalPointView, ...errorResponses } },
  }, async (request) => endPosting(deps, request, request.params.id, request.body));

  app.get('/api/training/courses', {
    config: { access: requires('training.read') },
    schema: { tags, summary: 'Training courses of a unit’s area, latest first, with attendance, completion and average test gain', querystring: CourseQuery, response: { 200: CourseList, ...errorResponses } },
  }, async (request) => ({ items: await listCourses(deps, request, request.query) }));

  app.post('/api/training/courses', {
    config: { access: requires('training.manage') },
    schema: { tags, summary: 'Record a training course; it may not end before it starts', body: CourseInput, response: { 201: CourseDetail, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await createCourse(deps, request, request.body)));

  app.get('/api/training/courses/:id', {
    config: { access: requires('training.read') },
    schema: { tags, summary: 'A course with its attendees, attendance per day and scores', params: IdParams, response: { 200: CourseDetail, ...errorResponses } },
  }, async (request) => courseDetail(deps, request, request.params.id));

  app.put('/api/training/courses/:id', {
    config: { access: requires('training.manage') },
    schema: { tags, summary: 'Correct a course; its dates must still hold every day of recorded attendance', params: IdParams, body: CourseInput, response: { 200: CourseDetail, ...errorResponses } },
  }, async (request) => updateCourse(deps, request, request.params.id, request.body));

  app.get('/api/training/courses/:id/candidates', {
    config: { access: requires('training.manage') },
    schema: { tags, summary: 'People who may attend: roster people, users and network members of the course’s district not yet on it', params: IdParams, querystring: CandidateQuery, response: { 200: CandidateList, ...errorResponses } },
  }, async (request) => ({ items: await attendeeCandidates(deps, request, request.params.id, request.query.q) }));

  app.post('/api/training/courses/:id/attendees', {
    config: { access: requires('training.manage') },
    schema: { tags, summary: 'Add a named attendee; one from another district is refused', params: IdParams, body: AttendeeAdd, response: { 201: CourseDetail, ...errorResponses } },
  }, async (request, reply) => reply.status(201).send(await addAttendee(deps, request, request.params.id, request.body)));

  app.put('/api/training/attendances/:id', {
    config: { access: requires('training.manage') },
    schema: { tags, summary: 'Record an attendee’s days present, completion and test scores before and after', params: IdParams, body: AttendanceUpdate, response: { 200: CourseDetail, ...errorResponses } },
  }, async (request) => updateAttendance(deps, request, request.params.id, request.body));

  app.delete('/api/training/attendances/:id', {
    config: { access: requires('training.manage') },
    schema: { tags, summary: 'Remove an attendee added by mistake', params: IdParams, response: { 200: CourseDetail, ...errorResponses } },
  }, async (request) => removeAttendee(deps, request, request.params.id));

  app.get('/api/indicators/t3', {
    config: { access: requires('indicators.read') },
    schema: {
      tags: ['indicators'],
      summary: 'T3: focal points on the roster in the period who completed at least one GBV course in the plan period; with those not yet trained (for roles that read the roster)',
      querystring: T3Query,
      response: { 200: T3Value, ...errorResponses },
    },
  }, async (request) => computeT3Value(deps, request, request.query));
}
