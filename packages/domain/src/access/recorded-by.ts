import * as v from 'valibot';

/** Who recorded something: the signed-in person, by id and the name shown to colleagues. */
export const RecordedBySchema = v.object({ userId: v.string(), name: v.string() });
export type RecordedBy = v.InferOutput<typeof RecordedBySchema>;
