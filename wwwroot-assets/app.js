// Small browser helpers for the portal. The time zone cookie lets the server render times in local time.
(function () {
  const year = 60 * 60 * 24 * 365;
  const setCookie = (name, value) =>
    document.cookie = `${name}=${encodeURIComponent(value)};path=/;max-age=${year};samesite=lax`;
  const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  setCookie("cp-tz", timeZone());
  window.certPortal = {
    timeZone,
    setTheme(theme) {
      setCookie("cp-theme", theme);
      document.body.classList.toggle("cp-dark", theme === "dark");
      document.body.classList.toggle("cp-light", theme !== "dark");
    },
    // Hands bytes the server prepared to the browser as a file download (no URL that could be cached or logged).
    download(fileName, contentType, base64) {
      const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
      const url = URL.createObjectURL(new Blob([bytes], { type: contentType }));
      const link = Object.assign(document.createElement("a"), { href: url, download: fileName });
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    },
    copy(text) { return navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.resolve(); },
  };
})();

// Tables marked cp-cards become one card per row on a phone (see app.css); each cell is labelled with its column's
// heading, copied here from the table head whenever Blazor renders rows.
(function () {
  const label = table => {
    const headings = [...table.querySelectorAll("thead th")].map(th => th.textContent.trim());
    for (const row of table.querySelectorAll("tbody tr"))
      [...row.children].forEach((cell, i) => { if (headings[i] && cell.dataset.label !== headings[i]) cell.dataset.label = headings[i]; });
  };
  let pending = false;
  const labelAll = () => { pending = false; document.querySelectorAll(".cp-cards table").forEach(label); };
  const observer = new MutationObserver(() => { if (!pending) { pending = true; requestAnimationFrame(labelAll); } });
  const start = () => { labelAll(); observer.observe(document.body, { childList: true, subtree: true }); };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
