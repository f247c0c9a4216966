// @vitest-environment jsdom
import { afterEach, expect, test } from 'vitest';
import { signupForm, submit } from './form.js';

let bound;
afterEach(() => bound?.controller.destroy());

test('a failed submit shows the summary, the inline messages and the title prefix', async () => {
  bound = signupForm();
  await submit(bound.form);
  const summary = document.querySelector('[role=alert]');
  expect(summary?.textContent).toContain('There is a problem');
  expect([...document.querySelectorAll('a[href^="#"]')].map((a) => a.textContent)).toEqual(['Enter full name', 'Enter email address']);
  expect(document.getElementById('email-error')?.textContent).toContain('Enter email address');
  expect(document.getElementById('email').getAttribute('aria-invalid')).toBe('true');
  expect(document.title).toBe('Error: Sign up');
  expect(bound.submitted).toEqual([]);
});

test('a valid form is submitted with typed values', async () => {
  bound = signupForm();
  bound.form.elements.name.value = 'Ada Lovelace';
  bound.form.elements.email.value = 'ada@example.com';
  bound.form.elements.age.value = '36';
  await submit(bound.form);
  expect(bound.submitted).toEqual([{ name: 'Ada Lovelace', email: 'ada@example.com', age: 36 }]);
  expect(document.querySelector('[role=alert]')).toBeNull();
});
