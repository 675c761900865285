/* Generated from schema/api.schema.json by json-schema-to-typescript (jlpm build:schema). Do not edit. */

export type Code = string;
export type Code1 = string;
export type CreatedAt = number;
export type DurationMs = number;
export type ExerciseId = string;
export type ExerciseVersion = number;
export type Id = number;
export type MaxScore = number;
export type Score = number;
export type Status = string;
export type Field = string;
export type File = string;
export type Line = number | null;
export type Message = string;
export type Code2 = string;
export type Id1 = string;
export type Title = string;
export type HintsCount = number;
export type Id2 = string;
export type Lesson = string;
export type MemoryMb = number;
export type TimeS = number;
export type Prompt = string;
export type Section = string;
export type Starter = string;
export type Title1 = string;
export type Topic = string;
export type Version = number;
export type Attempts = number;
export type BestScore = number;
export type ExerciseId1 = string;
export type FailedAttempts = number;
export type HintsRevealed = number;
/**
 * Unix time of the last attempt.
 */
export type LastAttempt = number | null;
export type MaxScore1 = number;
export type SolutionRevealed = boolean;
/**
 * 'done' | 'in_progress' | 'not_started'
 */
export type State = string;
export type Id3 = string;
export type Title2 = string;
export type Version1 = number;
export type DurationMs1 = number;
export type ExerciseId2 = string;
export type ExerciseVersion1 = number;
export type MaxScore2 = number;
/**
 * A sentence for the learner about the attempt as a whole (advice on errors).
 */
export type Message1 = string;
/**
 * Captured stdout/stderr of the learner's code, capped.
 */
export type Output = string;
export type OutputTruncated = boolean;
export type Score1 = number;
/**
 * How an attempt ended.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "GradeStatus".
 */
export type GradeStatus =
  'passed' | 'failed' | 'error' | 'timeout' | 'memory' | 'not_attempted';
/**
 * Points this test is worth.
 */
export type MaxPoints = number;
export type Message2 = string;
export type Name = string;
export type Passed = boolean;
/**
 * Points earned by this test.
 */
export type Points = number;
export type Tests = TestResult[];
export type Id4 = string;
export type Section1 = string;
export type Title3 = string;
export type Topic1 = string;
export type Exercises = GradebookExercise[];
export type Attempts1 = number;
export type BestScore1 = number;
export type HintsRevealed1 = number;
export type LastAttempt1 = number | null;
export type MaxScore3 = number;
export type Passed1 = boolean;
export type SolutionRevealed1 = boolean;
export type LastAttempt2 = number | null;
export type Name1 = string;
export type PassedCount = number;
export type TotalScore = number;
export type Students = GradebookStudent[];
export type Count = number;
export type ExerciseId3 = string;
export type Index = number;
export type Text = string;
/**
 * The lesson text, Markdown with LaTeX math.
 */
export type Body = string;
export type Demos = Demo[];
export type Exercises2 = ExerciseSummary[];
export type Id5 = string;
export type Minutes = number;
export type Objectives = string[];
export type Id6 = string;
export type Title4 = string;
export type Prerequisites = LessonRef[];
export type Pointer = string;
export type ResourceId = string | null;
export type Title5 = string;
export type Url = string | null;
export type Readings = Reading[];
export type Section2 = string;
export type Title6 = string;
export type Topic2 = string;
export type TopicTitle = string;
export type Exercises3 = ExerciseSummary[];
export type Id7 = string;
export type Minutes1 = number;
export type Title7 = string;
export type DoneExercises = number;
export type NextLesson = string | null;
export type TotalExercises = number;
export type Confirm = boolean;
export type ExerciseId4 = string | null;
export type Authors = string;
export type Id8 = string;
/**
 * 'book' or 'website'
 */
export type Kind = string;
export type Title8 = string;
export type Topics1 = string[];
export type Url1 = string | null;
export type Books = Resource[];
export type Websites = Resource[];
export type ExerciseCount = number;
export type LessonCount = number;
export type Problems = CourseProblem[];
export type ExerciseCount1 = number;
export type Id9 = string;
export type LessonCount1 = number;
export type Summary = string;
export type Title9 = string;
export type ExerciseCount2 = number;
export type Id10 = string;
export type LessonCount2 = number;
export type Lessons1 = LessonSummary[];
export type Prerequisites1 = string[];
/**
 * Ids of the resources that serve this topic.
 */
export type Readings1 = string[];
export type Summary1 = string;
export type Title10 = string;
export type Topics2 = TopicSummary[];
export type Sections = SectionSummary[];
export type Summary2 = string;
export type Title11 = string;
export type Code3 = string;
export type ExerciseId5 = string;
export type Attempts2 = AttemptSummary[];
export type Name2 = string;

export interface AiroadmapLabRESTAPI {
  [k: string]: unknown;
}
/**
 * POST /exercises/{id}/grade: the learner's code. A score is never accepted from a client.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "Attempt".
 */
export interface Attempt {
  code: Code;
}
/**
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "AttemptSummary".
 */
export interface AttemptSummary {
  code: Code1;
  created_at: CreatedAt;
  duration_ms: DurationMs;
  exercise_id: ExerciseId;
  exercise_version: ExerciseVersion;
  id: Id;
  max_score: MaxScore;
  score: Score;
  status: Status;
}
/**
 * A course file that could not be loaded, said so a course author can fix it.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "CourseProblem".
 */
export interface CourseProblem {
  field?: Field;
  file: File;
  line?: Line;
  message: Message;
}
/**
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "Demo".
 */
export interface Demo {
  code: Code2;
  id: Id1;
  title: Title;
}
/**
 * GET /exercises/{id}: the public part of an exercise. Never the solution or the checks.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "ExerciseDetail".
 */
export interface ExerciseDetail {
  hints_count: HintsCount;
  id: Id2;
  lesson: Lesson;
  limits: Limits;
  prompt: Prompt;
  section: Section;
  starter: Starter;
  title: Title1;
  topic: Topic;
  version: Version;
}
/**
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "Limits".
 */
export interface Limits {
  memory_mb: MemoryMb;
  time_s: TimeS;
}
/**
 * A learner's record on one exercise.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "ExerciseProgress".
 */
export interface ExerciseProgress {
  attempts: Attempts;
  best_score: BestScore;
  exercise_id: ExerciseId1;
  failed_attempts: FailedAttempts;
  hints_revealed: HintsRevealed;
  last_attempt?: LastAttempt;
  max_score: MaxScore1;
  solution_revealed: SolutionRevealed;
  state: State;
}
/**
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "ExerciseSummary".
 */
export interface ExerciseSummary {
  id: Id3;
  title: Title2;
  version: Version1;
}
/**
 * The result of grading one attempt at an exercise.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "GradeResult".
 */
export interface GradeResult {
  duration_ms?: DurationMs1;
  exercise_id: ExerciseId2;
  exercise_version: ExerciseVersion1;
  max_score: MaxScore2;
  message?: Message1;
  output?: Output;
  output_truncated?: OutputTruncated;
  score: Score1;
  status: GradeStatus;
  tests?: Tests;
}
/**
 * One check of an exercise.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "TestResult".
 */
export interface TestResult {
  max_points: MaxPoints;
  message?: Message2;
  name: Name;
  passed: Passed;
  points: Points;
}
/**
 * GET /gradebook (instructors): students x exercises.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "Gradebook".
 */
export interface Gradebook {
  exercises: Exercises;
  students: Students;
}
/**
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "GradebookExercise".
 */
export interface GradebookExercise {
  id: Id4;
  section: Section1;
  title: Title3;
  topic: Topic1;
}
/**
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "GradebookStudent".
 */
export interface GradebookStudent {
  exercises: Exercises1;
  last_attempt: LastAttempt2;
  name: Name1;
  passed_count: PassedCount;
  total_score: TotalScore;
}
export interface Exercises1 {
  [k: string]: GradebookEntry;
}
/**
 * One student's record on one exercise.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "GradebookEntry".
 */
export interface GradebookEntry {
  attempts: Attempts1;
  best_score: BestScore1;
  hints_revealed: HintsRevealed1;
  last_attempt: LastAttempt1;
  max_score: MaxScore3;
  passed: Passed1;
  solution_revealed: SolutionRevealed1;
}
/**
 * GET /exercises/{id}/hints/{n}: one hint (n counts from 0).
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "Hint".
 */
export interface Hint {
  count: Count;
  exercise_id: ExerciseId3;
  index: Index;
  text: Text;
}
/**
 * GET /lessons/{id}: one lesson, ready to render.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "LessonDetail".
 */
export interface LessonDetail {
  body: Body;
  demos: Demos;
  exercises: Exercises2;
  id: Id5;
  minutes: Minutes;
  objectives: Objectives;
  prerequisites: Prerequisites;
  readings: Readings;
  section: Section2;
  title: Title6;
  topic: Topic2;
  topic_title: TopicTitle;
}
/**
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "LessonRef".
 */
export interface LessonRef {
  id: Id6;
  title: Title4;
}
/**
 * A pointer into the reading list (or an external page) for a topic or lesson.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "Reading".
 */
export interface Reading {
  pointer?: Pointer;
  resource_id?: ResourceId;
  title: Title5;
  url?: Url;
}
/**
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "LessonSummary".
 */
export interface LessonSummary {
  exercises: Exercises3;
  id: Id7;
  minutes: Minutes1;
  title: Title7;
}
/**
 * GET /progress: where the learner stands, and what to study next.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "Progress".
 */
export interface Progress {
  done_exercises: DoneExercises;
  exercises: Exercises4;
  lessons: Lessons;
  next_lesson: NextLesson;
  topics: Topics;
  total_exercises: TotalExercises;
}
export interface Exercises4 {
  [k: string]: ExerciseProgress;
}
/**
 * lesson id -> 'done' | 'in_progress' | 'not_started'
 */
export interface Lessons {
  [k: string]: string;
}
/**
 * topic id -> 'done' | 'in_progress' | 'not_started'
 */
export interface Topics {
  [k: string]: string;
}
/**
 * POST /progress/reset: forget progress (of one exercise, or all). Needs confirm: true.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "ResetRequest".
 */
export interface ResetRequest {
  confirm: Confirm;
  exercise_id?: ExerciseId4;
}
/**
 * A book or website of the roadmap's reading list.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "Resource".
 */
export interface Resource {
  authors?: Authors;
  id: Id8;
  kind: Kind;
  title: Title8;
  topics?: Topics1;
  url?: Url1;
}
/**
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "Resources".
 */
export interface Resources {
  books: Books;
  websites: Websites;
}
/**
 * GET /roadmap: the whole course tree with counts, the reading list and load problems.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "Roadmap".
 */
export interface Roadmap {
  exercise_count: ExerciseCount;
  lesson_count: LessonCount;
  problems: Problems;
  resources: Resources;
  sections: Sections;
  summary: Summary2;
  title: Title11;
}
/**
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "SectionSummary".
 */
export interface SectionSummary {
  exercise_count: ExerciseCount1;
  id: Id9;
  lesson_count: LessonCount1;
  summary: Summary;
  title: Title9;
  topics: Topics2;
}
/**
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "TopicSummary".
 */
export interface TopicSummary {
  exercise_count: ExerciseCount2;
  id: Id10;
  lesson_count: LessonCount2;
  lessons: Lessons1;
  prerequisites: Prerequisites1;
  readings: Readings1;
  summary: Summary1;
  title: Title10;
}
/**
 * GET /exercises/{id}/solution: the reference solution, when the policy allows it.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "Solution".
 */
export interface Solution {
  code: Code3;
  exercise_id: ExerciseId5;
}
/**
 * GET /gradebook/students/{name}/attempts (instructors): a student's history, newest first.
 *
 * This interface was referenced by `AiroadmapLabRESTAPI`'s JSON-Schema
 * via the `definition` "StudentAttempts".
 */
export interface StudentAttempts {
  attempts: Attempts2;
  name: Name2;
}
