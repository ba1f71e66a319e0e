import type { ComponentProps } from 'react';
import { cn } from '../../lib/cn';

export const controlClass = cn(
  'block w-full rounded-md border border-slate-300 bg-white px-3 text-sm shadow-xs',
  'placeholder:text-slate-400 focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100',
  'aria-invalid:border-red-600 disabled:bg-slate-100 disabled:text-slate-500',
);

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(controlClass, 'h-10', className)} {...props} />;
}

export function Textarea({ className, rows, ...props }: ComponentProps<'textarea'>) {
  return <textarea rows={rows ?? 4} className={cn(controlClass, 'py-2', className)} {...props} />;
}

/** A native select: accessible, works on phones, and easy to drive from tests. */
export function Select({ className, ...props }: ComponentProps<'select'>) {
  return <select className={cn(controlClass, 'h-10 pr-8', className)} {...props} />;
}
