/**
 * A small SVG bar chart of a score distribution, drawn with theme colours (CSS classes in
 * style/base.css), with a text summary for screen readers.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

import { IScoreDistribution } from '../gradebookData';

const WIDTH = 420;
const HEIGHT = 180;
const MARGIN = { top: 12, right: 8, bottom: 36, left: 32 };

/** Props of the histogram. */
export interface IHistogramProps {
  distribution: IScoreDistribution;
  trans: TranslationBundle;
}

/** Bars of how many students reached each range of scores on one exercise. */
export function ScoreHistogram(props: IHistogramProps): JSX.Element {
  const { distribution, trans } = props;
  const { bins } = distribution;
  const attempted = bins.reduce((sum, bin) => sum + bin.count, 0);
  const highest = Math.max(1, ...bins.map(bin => bin.count));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const barWidth = plotWidth / bins.length;
  const y = (count: number): number =>
    MARGIN.top + plotHeight - (count / highest) * plotHeight;
  const summary = trans.__(
    'Best scores of %1 students who checked this exercise: %2. Not attempted: %3.',
    attempted,
    bins
      .filter(bin => bin.count > 0)
      .map(bin => `${bin.from}–${bin.to}%: ${bin.count}`)
      .join(', ') || trans.__('none'),
    distribution.notAttempted
  );
  return (
    <figure className="jp-AiroadmapLab-histogram">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        role="img"
        aria-label={summary}
      >
        <line
          className="jp-AiroadmapLab-histogramAxis"
          x1={MARGIN.left}
          x2={WIDTH - MARGIN.right}
          y1={MARGIN.top + plotHeight}
          y2={MARGIN.top + plotHeight}
        />
        <text
          className="jp-AiroadmapLab-histogramLabel"
          x={MARGIN.left - 6}
          y={MARGIN.top + 4}
          textAnchor="end"
        >
          {highest}
        </text>
        <text
          className="jp-AiroadmapLab-histogramLabel"
          x={MARGIN.left - 6}
          y={MARGIN.top + plotHeight}
          textAnchor="end"
        >
          0
        </text>
        {bins.map((bin, index) => {
          const x = MARGIN.left + index * barWidth;
          const top = y(bin.count);
          return (
            <g key={index}>
              <rect
                className={`jp-AiroadmapLab-histogramBar${
                  index === bins.length - 1 ? ' jp-mod-top' : ''
                }`}
                data-count={bin.count}
                x={x + 2}
                y={top}
                width={barWidth - 4}
                height={MARGIN.top + plotHeight - top}
              >
                <title>
                  {trans._n(
                    '%2–%3 %: %1 student',
                    '%2–%3 %: %1 students',
                    bin.count,
                    bin.from,
                    bin.to
                  )}
                </title>
              </rect>
              {bin.count > 0 && (
                <text
                  className="jp-AiroadmapLab-histogramLabel"
                  x={x + barWidth / 2}
                  y={top - 2}
                  textAnchor="middle"
                >
                  {bin.count}
                </text>
              )}
              {index % 2 === 0 && (
                <text
                  className="jp-AiroadmapLab-histogramLabel"
                  x={x}
                  y={MARGIN.top + plotHeight + 14}
                  textAnchor="middle"
                >
                  {bin.from}
                </text>
              )}
            </g>
          );
        })}
        <text
          className="jp-AiroadmapLab-histogramLabel"
          x={WIDTH - MARGIN.right}
          y={MARGIN.top + plotHeight + 14}
          textAnchor="end"
        >
          100
        </text>
        <text
          className="jp-AiroadmapLab-histogramLabel"
          x={MARGIN.left + plotWidth / 2}
          y={HEIGHT - 4}
          textAnchor="middle"
        >
          {trans.__('best score (% of the points)')}
        </text>
      </svg>
      <figcaption className="jp-AiroadmapLab-histogramCaption">
        {trans.__(
          '%1 checked, %2 passed, %3 not attempted',
          attempted,
          distribution.passed,
          distribution.notAttempted
        )}
      </figcaption>
    </figure>
  );
}
