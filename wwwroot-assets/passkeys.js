// Passkeys on the static sign-in and security pages. The server (ASP.NET Core Identity) makes the WebAuthn options
// and checks the answers; this only hands them to navigator.credentials and posts the result in the page's form.
// Loaded as a file (no inline script), wired to buttons by data attributes.
const antiforgery = form => form.querySelector("input[name=__RequestVerificationToken]")?.value ?? "";

async function options(url, form) {
  const response = await fetch(url, { method: "POST", credentials: "same-origin", headers: { RequestVerificationToken: antiforgery(form) } });
  if (!response.ok) throw new Error(`The portal answered ${response.status}.`);
  return response.json();
}

function say(form, message) {
  const box = form.querySelector("[data-passkey-error]");
  if (box) { box.textContent = message; box.hidden = !message; }
}

async function run(button) {
  const form = button.closest("form");
  const mode = button.dataset.passkey;
  say(form, "");
  if (!window.PublicKeyCredential || !PublicKeyCredential.parseRequestOptionsFromJSON) {
    say(form, "This browser cannot use passkeys.");
    return;
  }
  button.disabled = true;
  try {
    let credential;
    if (mode === "create") {
      const json = await options("Account/PasskeyCreationOptions", form);
      credential = await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) });
    } else {
      const email = document.getElementById(button.dataset.emailField ?? "")?.value?.trim() ?? "";
      const url = "Account/PasskeyRequestOptions" + (email ? `?email=${encodeURIComponent(email)}` : "");
      const json = await options(url, form);
      credential = await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) });
    }
    form.querySelector("[data-passkey-credential]").value = JSON.stringify(credential);
    form.submit();
  } catch (error) {
    say(form, error?.name === "NotAllowedError" ? "The passkey request was cancelled or timed out." : `No passkey: ${error?.message ?? error}`);
    button.disabled = false;
  }
}

document.addEventListener("click", event => {
  const button = event.target.closest?.("[data-passkey]");
  if (button) { event.preventDefault(); run(button); }
});
