// 智能导诊 in the portal: the smart guide's panel; "book" on a recommended department opens booking with that
// department, carrying what the patient described (it becomes the doctor's pre-visit note).
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { GuidePanel } from '../../guide/guide-panel';
import { PortalPage } from '../layout';

export function GuidePage() {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  return (
    <PortalPage title={t('guide.title')} testId="guide-page">
      <GuidePanel onBook={(department, guide) => navigate(`/portal/book?department=${encodeURIComponent(department.code)}`, { state: { department, guide } })} />
    </PortalPage>
  );
}
