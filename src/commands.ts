/** Ids of every command of the extension. Their placement in menus is data in schema/*.json. */
export namespace CommandIDs {
  /** Show the "AI Roadmap" sidebar. */
  export const openRoadmap = 'airoadmap-lab:open-roadmap';
  /** Open a lesson in the main area; without a `lessonId` argument, ask which one. */
  export const openLesson = 'airoadmap-lab:open-lesson';
}
