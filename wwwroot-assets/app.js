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
    copy(text) { return navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.resolve(); },
  };
})();
