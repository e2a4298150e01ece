import { type SectionProps, scope } from '../../proposal/views/data.ts';

/** The implementation stages reached so far. */
export function Stages(props: SectionProps) {
  const { i18n, p } = scope(props);
  return (
    <>
      {p.stages.length > 0 && (
        <section aria-labelledby="stages">
          <h2 id="stages">{i18n.t('proposal.stages')}</h2>
          <ol class="stages">
            {p.stages.map((s) => (
              <li>
                {i18n.t(`proposal.stage.${s.stage}`)}: {i18n.date(s.reachedOn)}
                {s.url && (
                  <>
                    {' '}
                    <a href={s.url} rel="external noopener">
                      ↗
                    </a>
                  </>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
