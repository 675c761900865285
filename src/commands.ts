/** Ids of every command of the extension. Their placement in menus is data in schema/settings. */
export namespace CommandIDs {
  /** Show the "AI Roadmap" sidebar. */
  export const openRoadmap = 'airoadmap-lab:open-roadmap';
  /** Open a lesson in the main area; without a `lessonId` argument, ask which one. */
  export const openLesson = 'airoadmap-lab:open-lesson';
  /** Insert an exercise (`exerciseId`, `lessonId`) below the active cell of the current notebook. */
  export const insertExercise = 'airoadmap-lab:insert-exercise';
  /** Insert a demo (`demoId`, `lessonId`) below the active cell of the current notebook. */
  export const insertDemo = 'airoadmap-lab:insert-demo';
  /** Write a lesson (`lessonId`) as a new notebook and open it. */
  export const openLessonNotebook = 'airoadmap-lab:open-lesson-notebook';
  /** Check the active exercise cell on the server. */
  export const check = 'airoadmap-lab:check';
  /** Reveal the next hint of the active exercise cell. */
  export const hint = 'airoadmap-lab:hint';
  /** Insert the reference solution of the active exercise cell below it (if the policy allows). */
  export const solution = 'airoadmap-lab:solution';
  /** Forget the learner's progress on the whole course, after confirmation. */
  export const resetProgress = 'airoadmap-lab:reset-progress';
  /** Open the instructor's gradebook in the main area. */
  export const openGradebook = 'airoadmap-lab:open-gradebook';
}
