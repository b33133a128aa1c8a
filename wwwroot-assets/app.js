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
