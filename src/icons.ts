import { LabIcon } from '@jupyterlab/ui-components';

/** A winding road with milestones: the AI Roadmap. */
const ROADMAP_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M6 2a3 3 0 0 0-3 3c0 2.1 3 5.5 3 5.5S9 7.1 9 5a3 3 0 0 0-3-3zm0 4.2A1.2 1.2 0 1 1 6 3.8a1.2 1.2 0 0 1 0 2.4z"/>
    <path d="M18 12a3 3 0 0 0-3 3c0 2.1 3 5.5 3 5.5s3-3.4 3-5.5a3 3 0 0 0-3-3zm0 4.2a1.2 1.2 0 1 1 0-2.4 1.2 1.2 0 0 1 0 2.4z"/>
    <path d="M6 12.5h7.5a2.5 2.5 0 0 0 0-5H11v-2h2.5a4.5 4.5 0 0 1 0 9H6a1.5 1.5 0 0 0 0 3h8v2H6a3.5 3.5 0 0 1 0-7z"/>
  </g>
</svg>`;

/** A book, for lesson tabs. */
const LESSON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M4 4.5A2.5 2.5 0 0 1 6.5 2H20v16H6.5a.5.5 0 0 0 0 1H20v3H6.5A2.5 2.5 0 0 1 4 19.5v-15zM8 6v2h8V6H8zm0 4v2h6v-2H8z"/>
  </g>
</svg>`;

export const roadmapIcon = new LabIcon({
  name: 'airoadmap-lab:roadmap',
  svgstr: ROADMAP_SVG
});
export const lessonIcon = new LabIcon({
  name: 'airoadmap-lab:lesson',
  svgstr: LESSON_SVG
});
