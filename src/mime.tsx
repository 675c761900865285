/**
 * The renderer of grade results (`application/vnd.airoadmap.grade+json`) under exercise cells.
 */
import { IRenderMime } from '@jupyterlab/rendermime-interfaces';
import { nullTranslator, TranslationBundle } from '@jupyterlab/translation';
import { checkIcon, closeIcon, ReactWidget } from '@jupyterlab/ui-components';
import React from 'react';

import { GRADE_MIME_TYPE, GradeOutputData, isPending, points } from './grade';
import type { GradeResult, GradeStatus } from './schema';

/** Renders one grade output. */
export class GradeRenderer
  extends ReactWidget
  implements IRenderMime.IRenderer
{
  constructor(options: IRenderMime.IRendererOptions) {
    super();
    this._mimeType = options.mimeType;
    this._trans = (options.translator ?? nullTranslator).load('airoadmap_lab');
    this.addClass('jp-AiroadmapLab-grade');
  }

  renderModel(model: IRenderMime.IMimeModel): Promise<void> {
    this._data = model.data[this._mimeType] as unknown as GradeOutputData;
    this.update();
    return Promise.resolve();
  }

  protected render(): JSX.Element | null {
    return this._data ? (
      <GradeView data={this._data} trans={this._trans} />
    ) : null;
  }

  private _mimeType: string;
  private _trans: TranslationBundle;
  private _data: GradeOutputData | null = null;
}

function statusLabel(status: GradeStatus, trans: TranslationBundle): string {
  switch (status) {
    case 'passed':
      return trans.__('Passed');
    case 'failed':
      return trans.__('Not yet: some checks failed');
    case 'error':
      return trans.__('Your code raised an error');
    case 'timeout':
      return trans.__('Time limit exceeded');
    case 'memory':
      return trans.__('Memory limit exceeded');
    case 'not_attempted':
      return trans.__('Not attempted yet');
  }
}

function GradeView(props: {
  data: GradeOutputData;
  trans: TranslationBundle;
}): JSX.Element {
  const { data, trans } = props;
  if (isPending(data)) {
    return (
      <div className="jp-AiroadmapLab-gradeBox jp-mod-pending" role="status">
        <span className="jp-AiroadmapLab-spinner" aria-hidden="true" />
        {trans.__('Checking your code… you can keep working.')}
      </div>
    );
  }
  return <GradeResultView result={data} trans={trans} />;
}

function GradeResultView(props: {
  result: GradeResult;
  trans: TranslationBundle;
}): JSX.Element {
  const { result, trans } = props;
  const tests = result.tests ?? [];
  return (
    <div
      className={`jp-AiroadmapLab-gradeBox jp-mod-${result.status}`}
      data-status={result.status}
      role="status"
    >
      <div className="jp-AiroadmapLab-gradeSummary">
        <span className="jp-AiroadmapLab-gradeStatus">
          {statusLabel(result.status, trans)}
        </span>
        <span className="jp-AiroadmapLab-gradeScore">
          {trans.__(
            '%1 / %2 points',
            points(result.score),
            points(result.max_score)
          )}
        </span>

        {(result.duration_ms ?? 0) > 0 && (
          <span className="jp-AiroadmapLab-gradeTime">
            {trans.__('%1 s', ((result.duration_ms ?? 0) / 1000).toFixed(2))}
          </span>
        )}
      </div>
      {result.message && (
        <p className="jp-AiroadmapLab-gradeMessage">{result.message}</p>
      )}
      {tests.length > 0 && (
        <ul className="jp-AiroadmapLab-gradeTests">
          {tests.map((test, index) => {
            const Mark = test.passed ? checkIcon : closeIcon;
            return (
              <li
                key={index}
                className={`jp-AiroadmapLab-gradeTest ${test.passed ? 'jp-mod-passed' : 'jp-mod-failed'}`}
              >
                <Mark.react
                  tag="span"
                  className="jp-AiroadmapLab-gradeMark"
                  title={test.passed ? trans.__('passed') : trans.__('failed')}
                />
                <span className="jp-AiroadmapLab-gradeTestName">
                  {test.name}
                </span>
                <span className="jp-AiroadmapLab-gradeTestPoints">
                  {points(test.points)}/{points(test.max_points)}
                </span>
                {!test.passed && test.message && (
                  <div className="jp-AiroadmapLab-gradeTestMessage">
                    {test.message}
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {result.output && (
        <details className="jp-AiroadmapLab-gradeOutput">
          <summary>{trans.__('Output of your code')}</summary>
          <pre>
            {result.output}
            {result.output_truncated
              ? `\n${trans.__('[output truncated]')}`
              : ''}
          </pre>
        </details>
      )}
    </div>
  );
}

/** The renderer factory. */
export const gradeRendererFactory: IRenderMime.IRendererFactory = {
  safe: true,
  mimeTypes: [GRADE_MIME_TYPE],
  defaultRank: 50,
  createRenderer: options => new GradeRenderer(options)
};

/** The MIME extension registered through package.json's `jupyterlab.mimeExtension`. */
const extension: IRenderMime.IExtension = {
  id: 'airoadmap-lab:grade-renderer',
  description: 'Renders the results of checking an AI Roadmap exercise.',
  rendererFactory: gradeRendererFactory,
  rank: 50,
  dataType: 'json'
};

export default extension;
