export function Logo({ className }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className ?? ''}`}>
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true">
        <rect width="32" height="32" rx="7" fill="#1e3a5f" />
        <path
          d="M16 6l8 3v6c0 5.5-3.4 9.4-8 11-4.6-1.6-8-5.5-8-11V9z"
          fill="none"
          stroke="#fff"
          strokeWidth="2.2"
          strokeLinejoin="round"
        />
      </svg>
      Custos
    </span>
  );
}
