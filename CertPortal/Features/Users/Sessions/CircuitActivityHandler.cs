using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.JSInterop;

namespace CertPortal.Features.Users.Sessions;

/// <summary>
/// Notes each message the browser sends into the circuit, so an idle circuit can be signed out; while the person
/// works, the browser fetches <c>/Account/KeepAlive</c> now and then so the sliding sign-in cookie does not lapse.
/// </summary>
internal sealed class CircuitActivityHandler(CircuitActivity activity, IJSRuntime js, ILogger<CircuitActivityHandler> log) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            activity.Touch();
            await next(context);
            if (activity.ShouldRenewCookie())
                _ = RenewCookieAsync();
        };

    private async Task RenewCookieAsync()
    {
        try
        {
            await js.InvokeVoidAsync("fetch", SessionEndpoints.KeepAlivePath, new { credentials = "same-origin", cache = "no-store" });
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException or InvalidOperationException)
        {
            log.LogDebug("Keep-alive fetch not sent: {Reason}", e.Message);
        }
    }
}
