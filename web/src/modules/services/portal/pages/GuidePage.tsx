// 智能导诊 in the portal: the smart guide's panel; "book" on a recommended department opens booking with that
// department, carrying what the patient described (it becomes the doctor's pre-visit note).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { GuidePanel } from '../../guide/guide-panel';
import { PortalPage } from '../layout';
import { appointments } from '../api';

export function GuidePage() {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  // departments with clinic sessions: the others are recommended without a "book" button (until loaded: all)
  const [bookable, setBookable] = useState<Set<string>>();
  useEffect(() => {
    const c = new AbortController();
    appointments.departments(c.signal).then((r) => setBookable(new Set(r.departments.map((d) => d.code))), () => undefined);
    return () => c.abort();
  }, []);
  return (
    <PortalPage title={t('guide.title')} testId="guide-page">
      <GuidePanel bookable={bookable} onBook={(department, guide) => navigate(`/portal/book?department=${encodeURIComponent(department.code)}`, { state: { department, guide } })} />
    </PortalPage>
  );
}
