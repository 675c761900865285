import type {
  ExerciseSummary,
  LessonSummary,
  Resource,
  Roadmap,
  SectionSummary,
  TopicSummary
} from './schema';

/** A lesson kept by the filter, with the exercises whose titles matched. */
export interface IVisibleLesson {
  lesson: LessonSummary;
  matchedExercises: ExerciseSummary[];
}

/** A topic kept by the filter. `expanded` is true when the filter found something inside it. */
export interface IVisibleTopic {
  topic: TopicSummary;
  lessons: IVisibleLesson[];
  expanded: boolean;
}

/** A section kept by the filter. */
export interface IVisibleSection {
  section: SectionSummary;
  topics: IVisibleTopic[];
}

/** What the sidebar shows for a filter text. */
export interface IVisibleRoadmap {
  sections: IVisibleSection[];
  books: Resource[];
  websites: Resource[];
  /** Whether a non-empty filter is active. */
  filtering: boolean;
}

/** Normalise text for matching: lower case, no accents, single spaces. */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Narrow the roadmap to what matches `query`.
 *
 * A section or topic whose title matches keeps everything below it; otherwise a lesson is kept when
 * its title or one of its exercise titles matches, and the topics holding such lessons are expanded.
 * Books and websites are kept when their title or authors match. An empty query keeps everything.
 */
export function filterRoadmap(
  roadmap: Roadmap,
  query: string
): IVisibleRoadmap {
  const needle = normalise(query);
  const matches = (text: string): boolean => normalise(text).includes(needle);
  const all = (topic: TopicSummary): IVisibleLesson[] =>
    topic.lessons.map(lesson => ({ lesson, matchedExercises: [] }));

  if (needle.length === 0) {
    return {
      sections: roadmap.sections.map(section => ({
        section,
        topics: section.topics.map(topic => ({
          topic,
          lessons: all(topic),
          expanded: false
        }))
      })),
      books: roadmap.resources.books,
      websites: roadmap.resources.websites,
      filtering: false
    };
  }

  const sections: IVisibleSection[] = [];
  for (const section of roadmap.sections) {
    if (matches(section.title)) {
      sections.push({
        section,
        topics: section.topics.map(topic => ({
          topic,
          lessons: all(topic),
          expanded: false
        }))
      });
      continue;
    }
    const topics: IVisibleTopic[] = [];
    for (const topic of section.topics) {
      if (matches(topic.title)) {
        topics.push({ topic, lessons: all(topic), expanded: true });
        continue;
      }
      const lessons: IVisibleLesson[] = [];
      for (const lesson of topic.lessons) {
        const matchedExercises = lesson.exercises.filter(exercise =>
          matches(exercise.title)
        );
        if (matches(lesson.title) || matchedExercises.length > 0) {
          lessons.push({ lesson, matchedExercises });
        }
      }
      if (lessons.length > 0) {
        topics.push({ topic, lessons, expanded: true });
      }
    }
    if (topics.length > 0) {
      sections.push({ section, topics });
    }
  }
  const resourceMatches = (resource: Resource): boolean =>
    matches(resource.title) || matches(resource.authors ?? '');
  return {
    sections,
    books: roadmap.resources.books.filter(resourceMatches),
    websites: roadmap.resources.websites.filter(resourceMatches),
    filtering: true
  };
}
