import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Review photos kept in a directory (CANDOR_PHOTO_STORAGE=directory) instead of the database: one file per photo
 * and size, named by the photo's id, which Candor generates (never a name from the upload).
 */
export type PhotoVariant = 'display' | 'thumb';

export interface PhotoFiles {
  write(photoId: string, variant: PhotoVariant, data: Buffer): Promise<void>;
  read(photoId: string, variant: PhotoVariant): Promise<Buffer | null>;
  remove(photoId: string): Promise<void>;
}

const SAFE_ID = /^[a-z]+_[a-z0-9]+$/;

export function createPhotoDirectory(dir: string): PhotoFiles {
  const fileFor = (photoId: string, variant: PhotoVariant) => {
    if (!SAFE_ID.test(photoId)) throw new Error(`not a photo id: ${photoId}`);
    // A subdirectory per two characters of the id keeps each directory small when there are many photos.
    return path.join(dir, photoId.slice(3, 5), `${photoId}-${variant}.webp`);
  };
  return {
    async write(photoId, variant, data) {
      const file = fileFor(photoId, variant);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, data, { flag: 'wx' });
    },
    async read(photoId, variant) {
      try {
        return await readFile(fileFor(photoId, variant));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove(photoId) {
      await Promise.all((['display', 'thumb'] as const).map((variant) => rm(fileFor(photoId, variant), { force: true })));
    },
  };
}
