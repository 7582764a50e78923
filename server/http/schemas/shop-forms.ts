import { z } from 'zod';

const text = (label: string, min: number, max: number) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(min, `${label} must be at least ${min} characters.`)
    .max(max, `${label} must be at most ${max} characters.`);

export const SHOP_CATEGORIES = ['Outdoor', 'Kitchen', 'Audio', 'Clothing', 'Home', 'Electronics', 'Beauty', 'Books', 'Toys', 'Other'] as const;

export const newShopFormSchema = z.object({
  name: text('Shop name', 2, 80),
  websiteOrigin: text('Website origin', 8, 300),
  category: z.enum(SHOP_CATEGORIES, { error: 'Choose a category from the list.' }),
});

export const suspendFormSchema = z.object({
  reason: text('Reason', 3, 500),
});
