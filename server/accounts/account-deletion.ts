import { notFound } from '../domain-errors.js';
import { eraseAccountData } from '../storage/account-data-repo.js';
import { appendAudit } from '../storage/audit-repo.js';
import type { Database } from '../storage/database.js';
import type { PhotoFiles } from '../storage/photo-files.js';
import { discardWrittenPhotos, removeAccountReviewPhotos } from '../reviews/review-photos.js';
import { requireCurrentPassword } from './account-control.js';

export const DELETION_MESSAGES = {
  deleted: 'Your account is deleted. Thank you for the reviews you wrote.',
  deletedWithContent: 'Your account and everything you wrote are deleted.',
} as const;

/**
 * Deletes the account after the current password is given again. What goes: the e-mail address, the name, the
 * password, every session and link, mail to the person, readable addresses and browsers (the integrity checks keep
 * keyed hashes of them, which still link accounts but name nobody). What stays: the id, so votes, verdicts and the
 * audit log stay whole, and the reviews, shown as by "a former customer" unless the person asks for them to go too.
 */
export async function deleteAccount(
  db: Database,
  input: { accountId: string; password: string; removeContent: boolean; at: Date },
  photoFiles: PhotoFiles | null = null,
): Promise<string> {
  await requireCurrentPassword(db, input.accountId, input.password);
  const photoFilesToRemove = await db.transaction(async (tx) => {
    const erased = await eraseAccountData(tx, input.accountId, { at: input.at, removeContent: input.removeContent });
    if (!erased) throw notFound('Your account');
    // Content removal takes the reviews' photos (and the descriptions the person wrote) with their words.
    const removedFiles = input.removeContent ? await removeAccountReviewPhotos(tx, input.accountId) : [];
    await appendAudit(tx, {
      at: input.at,
      actorId: input.accountId,
      action: 'account.deleted',
      targetKind: 'account',
      targetId: input.accountId,
      beforeState: null,
      afterState: 'deleted',
      reason: null,
      details: { contentRemoved: input.removeContent },
    });
    return removedFiles;
  });
  // Files in a photo directory go once the rows are gone for good.
  await discardWrittenPhotos(photoFiles, photoFilesToRemove);
  return input.removeContent ? DELETION_MESSAGES.deletedWithContent : DELETION_MESSAGES.deleted;
}
