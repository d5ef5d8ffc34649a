alert('vault-script'); window.__pwned = 1; fetch('/api/csrf');
