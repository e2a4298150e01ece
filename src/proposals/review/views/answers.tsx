import { fileUrl } from '../../../core/files/downloads.ts';
import { formatSize } from '../../../core/files/upload.ts';
import { Form, StaffForm, Submit } from '../../../core/html/form.tsx';
import { TLink } from '../../../core/html/links.tsx';
import { type SectionProps, scope } from '../../proposal/views/data.ts';
import { MarkdownText } from '../../proposal/views/markdown-text.tsx';

/** Each state body’s answer beside the authors’ assessment of it (and the authors’ form to assess). */
export function Answers(props: SectionProps) {
  const { ctx, data } = props;
  const { i18n, lang, p, base } = scope(props);
  return (
    <section aria-labelledby="answers">
      <h2 id="answers">{i18n.t('proposal.stateVsCivil')}</h2>
      <div class="answers">
        {p.addressees.map((a) => (
          <article class="card answer">
            <h3>
              <TLink href={`/${lang}/organisations/${a.slug}`} value={a.name} i18n={i18n} />
            </h3>
            <div class="side-by-side">
              <div>
                {a.answer ? (
                  <>
                    <p>
                      <span class={`badge answer-${a.answer}`}>{i18n.t(`proposal.answer.${a.answer}`)}</span>
                      {a.answeredAt && <span class="muted"> {i18n.date(a.answeredAt)}</span>}
                    </p>
                    <p>
                      <strong>{i18n.t('proposal.reasons')}:</strong>
                    </p>
                    <MarkdownText value={a.reasons} i18n={i18n} class="answer-reasons" />
                    {a.files.length > 0 && (
                      <ul class="documents answer-files">
                        {a.files.map((f) => (
                          <li>
                            <a href={fileUrl(f.fileId, f.filename)}>{i18n.t('proposal.letter')}</a>{' '}
                            <span class="muted">
                              ({f.filename}, {formatSize(f.sizeBytes, lang)})
                            </span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </>
                ) : (
                  <p>
                    {i18n.t('proposal.noAnswerYet')}
                    {a.deadline && `, ${i18n.t('proposal.deadline', { date: i18n.date(a.deadline) })}`}
                    {a.overdue && <strong class="overdue"> — {i18n.t('proposal.overdue')}</strong>}
                  </p>
                )}
              </div>
              <div>
                <p class="muted">{i18n.t('proposal.assessmentBy')}</p>
                {a.assessment ? (
                  <p>
                    <span class="badge">{i18n.t(`proposal.assessment.${a.assessment}`)}</span> {a.assessmentComment}
                  </p>
                ) : (
                  <p>—</p>
                )}
                {data.isAuthor && a.answer && (
                  <StaffForm summary={i18n.t('proposal.assess')} open={false}>
                    <Form ctx={ctx} action={`${base}/answers/${a.id}/assessment`}>
                      <div class="field">
                        <label for={`assess-${a.id}`}>{i18n.t('proposal.assessmentField')}</label>
                        <select id={`assess-${a.id}`} name="assessment">
                          {(['satisfied', 'partly_satisfied', 'not_satisfied'] as const).map((s) => (
                            <option value={s} selected={a.assessment === s}>
                              {i18n.t(`proposal.assessment.${s}`)}
                            </option>
                          ))}
                        </select>
                      </div>
                      <div class="field">
                        <label for={`assess-comment-${a.id}`}>{i18n.t('proposal.assessmentComment')}</label>
                        <textarea id={`assess-comment-${a.id}`} name="comment" rows={3} maxLength={5000}>
                          {a.assessmentComment ?? ''}
                        </textarea>
                      </div>
                      <Submit>{i18n.t('proposal.assess')}</Submit>
                    </Form>
                  </StaffForm>
                )}
              </div>
            </div>
          </article>
        ))}
      </div>
    </section>
  );
}
