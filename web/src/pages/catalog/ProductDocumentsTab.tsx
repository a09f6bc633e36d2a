import { Anchor, Badge, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { type CatalogDocument, documentContentUrl, isVersionEditable, type Product, type VersionDetail } from '../../catalogApi.ts';
import { useLang, useT } from '../../i18n/I18nProvider.tsx';
import { formatDate } from '../../i18n/format.ts';
import { usePermissionFor } from '../../session.ts';
import { DocumentUploadForm } from './DocumentUploadForm.tsx';
import { ReadOnlyVersionNotice } from './ReadOnlyVersionNotice.tsx';

const DAY = 86_400_000;

/** The product page's « Documents » tab: the version's documents with their state; uploads while the version may change. */
export function ProductDocumentsTab({ product, version, onGoToHistory }: { product: Product; version: VersionDetail; onGoToHistory: () => void }) {
  const canManage = usePermissionFor('documents.manage', product.companyId);
  const editable = isVersionEditable(version);
  return (
    <Stack gap="lg">
      <DocumentsTable version={version} />
      {canManage && editable && <DocumentUploadForm key={version.version.id} versionId={version.version.id} />}
      {canManage && !editable && <ReadOnlyVersionNotice onGoToHistory={onGoToHistory} />}
    </Stack>
  );
}

/** publié = green, expire bientôt = orange, obligatoire manquant / non publié = red. */
function documentState(doc: CatalogDocument, now: number): { color: string; key: 'published' | 'expiring' | 'expired' | 'missing' | 'unpublished' } {
  const validTo = doc.validTo ? new Date(doc.validTo).getTime() : null;
  if (!doc.publishedAt) return { color: doc.mandatory ? 'red' : 'gray', key: doc.mandatory ? 'missing' : 'unpublished' };
  if (validTo !== null && validTo <= now) return { color: 'red', key: 'expired' };
  if (validTo !== null && validTo - now <= 30 * DAY) return { color: 'orange', key: 'expiring' };
  return { color: 'green', key: 'published' };
}

function DocumentsTable({ version }: { version: VersionDetail }) {
  const t = useT();
  const { lang } = useLang();
  const [now] = useState(() => Date.now());
  if (version.documents.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('product.documents.empty')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={700}>
      <Table verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('product.documents.col.type')}</Table.Th>
            <Table.Th>{t('product.documents.col.title')}</Table.Th>
            <Table.Th>{t('product.documents.col.validity')}</Table.Th>
            <Table.Th>{t('product.documents.col.status')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {version.documents.map((doc) => {
            const state = documentState(doc, now);
            return (
              <Table.Tr key={doc.id}>
                <Table.Td>
                  <Badge variant="outline">{doc.type}</Badge>
                </Table.Td>
                <Table.Td>
                  {doc.title}
                  <Text size="xs" c="dimmed">
                    {doc.fileName}
                    {doc.mandatory ? ` · ${t('product.documents.mandatory')}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td fz="sm">
                  {formatDate(doc.validFrom, lang)} → {formatDate(doc.validTo, lang)}
                </Table.Td>
                <Table.Td>
                  <Badge color={state.color} variant="light">
                    {t(`product.documents.${state.key}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Anchor href={documentContentUrl(doc.id)} download={doc.fileName} size="sm">
                    {t('product.documents.download')}
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
