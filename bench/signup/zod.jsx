// The same sign-up page with Zod 4 and zodResolver: the rules of www/schema/signup.json stated in
// Zod (lengths, formats, enums, the postcode pattern, no extra keys), with messages like
// fieldnote's. Zod answers synchronously as soon as the bundle has run.
import { zodResolver } from '@hookform/resolvers/zod';
import * as z from 'zod';
import { mount } from './form.jsx';

const text = (what, max) => z.string().min(1, `Enter ${what}`).max(max, `Enter ${what} in ${max} characters or fewer`);

const signup = z.strictObject({
  fullName: text('your full name', 100),
  email: z.email('Enter an email address in the correct format, like name@example.com').max(254, 'Enter an email address in 254 characters or fewer'),
  dateOfBirth: z.iso.date('Your date of birth must be a real date, like 27 3 2007'),
  plan: z.enum(['basic', 'standard', 'premium'], 'Select a plan'),
  shipping: z.strictObject({
    line1: text('the first line of the address', 100),
    line2: z.string().max(100, 'Enter the second line of the address in 100 characters or fewer').optional(),
    town: text('a town or city', 60),
    postcode: z.string().regex(/^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$/, 'Enter a real postcode'),
    country: z.enum(['GB', 'IE', 'FR', 'DE'], 'Select a country'),
  }),
  items: z.array(z.strictObject({
    product: z.enum(['notebook', 'pen', 'ink'], 'Select a product'),
    quantity: z.number('Enter the quantity as a number').int('Enter the quantity as a whole number')
      .min(1, 'The quantity must be 1 or more').max(99, 'The quantity must be 99 or fewer'),
  })).min(1, 'Add at least 1 product to your order').max(10, 'Your order can have at most 10 products'),
  updates: z.boolean().optional(),
});

mount({ resolver: zodResolver(signup), schema: signup, whenReady: () => Promise.resolve() });
