using CertPortal.Data;
using CertPortal.Common;
using CertPortal.Features.Audit;
using CertPortal.Features.Customers;
using CertPortal.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CertPortal.Features.Users;

/// <summary>
/// Users' use cases, for the users page, the first-run setup and the command line. Each call works in a scope of
/// its own so a long-lived Blazor circuit never holds a stale UserManager.
/// </summary>
public sealed class UserService(IServiceScopeFactory scopes, ICustomerDirectory customers, AuditLog audit, TimeProvider clock)
{
    public async Task<PagedList<UserView>> ListAsync(string? search, Paging paging, CancellationToken ct = default, ListSort? sort = null)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var query = users.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = TextSearch.Term(search);
            query = query.Where(u => u.Email!.ToLower().Contains(term));
        }
        var total = await query.CountAsync(ct);
        var page = await UserSort.Apply(query, sort ?? UserSort.Default).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        var views = new List<UserView>(page.Count);
        foreach (var user in page)
            views.Add(await ToViewAsync(users, user));
        return new PagedList<UserView>(views, total);
    }

    public async Task<bool> AnyAsync(CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().Users.AnyAsync(ct);
    }

    public async Task<Result<UserView>> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.FindByIdAsync(userId) is { } user ? Result<UserView>.Ok(await ToViewAsync(users, user)) : Result<UserView>.NotFound("No such user.");
    }

    public async Task<Result<UserView>> CreateAsync(string? email, string? password, string? role, CancellationToken ct = default) =>
        await CreateAsync(email, password, role, null, ct);

    /// <param name="customerIds">The customers a Technician or ReadOnly is limited to; null or empty for every customer.</param>
    public async Task<Result<UserView>> CreateAsync(string? email, string? password, string? role, IReadOnlyList<Guid>? customerIds, CancellationToken ct = default)
    {
        email = email?.Trim();
        var check = new Validation();
        if (string.IsNullOrWhiteSpace(email) || !Validation.IsEmailAddress(email))
            check.Add("email", "Enter a valid email address.");
        var identityRole = Roles.FromApiName(role) ?? (Roles.All.Contains(role) ? role : null);
        if (identityRole is null)
            check.Add("role", "Role must be admin, technician or readonly.");
        if (string.IsNullOrEmpty(password))
            check.Add("password", "Password is required.");
        var limitedTo = await CheckCustomersAsync(identityRole, customerIds, check, ct);
        if (!check.IsValid)
            return await Refused(check.ToResult<UserView>(), "user.create", email);

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email!) is not null)
            return await Refused(Result<UserView>.Invalid("email", $"A user with email {email} already exists."), "user.create", email);

        await EnsureRoleAsync(scope.ServiceProvider, identityRole!);
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow().UtcDateTime, CustomerIds = limitedTo };
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded)
            return await Refused(Result<UserView>.Invalid(PasswordErrors(created)), "user.create", email);
        await users.AddToRoleAsync(user, identityRole!);
        await audit.RecordAsync("user.create", "User", user.Id, $"Created user {email} with role {Roles.ToApiName(identityRole!)}{Describe(limitedTo)}.", ct: ct);
        return Result<UserView>.Ok(await ToViewAsync(users, user));
    }

    public async Task<Result<UserView>> ChangeRoleAsync(string userId, string role, CancellationToken ct = default)
    {
        var identityRole = Roles.FromApiName(role) ?? (Roles.All.Contains(role) ? role : null);
        if (identityRole is null)
            return await Refused(Result<UserView>.Invalid("role", "Role must be admin, technician or readonly."), "user.change-role", userId);
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
            return Result<UserView>.NotFound("No such user.");
        var current = (await users.GetRolesAsync(user)).ToList();
        if (current.Contains(Roles.Admin) && identityRole != Roles.Admin && await IsLastActiveAdminAsync(users, user))
            return await Refused(Result<UserView>.Conflict($"{user.Email} is the last active admin; make another admin first."), "user.change-role", user.Id);

        await EnsureRoleAsync(scope.ServiceProvider, identityRole);
        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, identityRole);
        if (identityRole == Roles.Admin && user.CustomerIds.Count > 0)
        {
            // Admins are never limited: whoever becomes one sees every customer.
            user.CustomerIds = [];
            await users.UpdateAsync(user);
        }
        // A new stamp ends the user's sessions at the next validation (within a minute), so the new role bites.
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync("user.change-role", "User", user.Id,
            $"Changed role of {user.Email} from {string.Join(",", current.Select(Roles.ToApiName))} to {Roles.ToApiName(identityRole)}.", ct: ct);
        return Result<UserView>.Ok(await ToViewAsync(users, user));
    }

    public async Task<Result<UserView>> SetDisabledAsync(string userId, bool disabled, string? actingUserEmail, CancellationToken ct = default)
    {
        var action = disabled ? "user.disable" : "user.enable";
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
            return Result<UserView>.NotFound("No such user.");
        if (disabled && string.Equals(user.Email, actingUserEmail, StringComparison.OrdinalIgnoreCase))
            return await Refused(Result<UserView>.Conflict("You cannot disable your own account."), action, user.Id);
        if (disabled && await users.IsInRoleAsync(user, Roles.Admin) && await IsLastActiveAdminAsync(users, user))
            return await Refused(Result<UserView>.Conflict($"{user.Email} is the last active admin and cannot be disabled."), action, user.Id);

        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(action, "User", user.Id, $"{(disabled ? "Disabled" : "Enabled")} user {user.Email}.", ct: ct);
        return Result<UserView>.Ok(await ToViewAsync(users, user));
    }

    /// <summary>An admin sets a new password for someone (also clears a lockout).</summary>
    public async Task<Result<UserView>> ResetPasswordAsync(string userIdOrEmail, string? newPassword, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userIdOrEmail) ?? await users.FindByEmailAsync(userIdOrEmail);
        if (user is null)
            return await Refused(Result<UserView>.NotFound($"No user {userIdOrEmail}."), "user.reset-password", userIdOrEmail);
        if (string.IsNullOrEmpty(newPassword))
            return await Refused(Result<UserView>.Invalid("password", "Password is required."), "user.reset-password", user.Id);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, newPassword);
        if (!reset.Succeeded)
            return await Refused(Result<UserView>.Invalid(PasswordErrors(reset)), "user.reset-password", user.Id);
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.RecordAsync("user.reset-password", "User", user.Id, $"Reset the password of {user.Email}.", ct: ct);
        return Result<UserView>.Ok(await ToViewAsync(users, user));
    }

    public async Task<Result<UserView>> ChangeOwnPasswordAsync(string email, string? currentPassword, string? newPassword, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is not { } user)
            return Result<UserView>.NotFound("No such user.");
        if (string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword))
            return Result<UserView>.Invalid("password", "Enter your current and your new password.");
        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            var errors = changed.Errors.Any(e => e.Code == "PasswordMismatch")
                ? new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is wrong."] }
                : PasswordErrors(changed);
            return await Refused(Result<UserView>.Invalid(errors), "user.change-password", user.Id);
        }
        await audit.RecordAsync("user.change-password", "User", user.Id, $"{user.Email} changed their password.", ct: ct);
        return Result<UserView>.Ok(await ToViewAsync(users, user));
    }

    /// <summary>Limits a Technician or ReadOnly to some customers (empty: every customer); ends their sessions so it bites.</summary>
    public async Task<Result<UserView>> SetCustomersAsync(string userId, IReadOnlyList<Guid>? customerIds, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
            return Result<UserView>.NotFound("No such user.");
        var check = new Validation();
        var role = (await users.GetRolesAsync(user)).FirstOrDefault();
        var limitedTo = await CheckCustomersAsync(role, customerIds, check, ct);
        if (!check.IsValid)
            return await Refused(check.ToResult<UserView>(), "user.change-customers", user.Id);
        if (limitedTo.Order().SequenceEqual(user.CustomerIds.Order()))
            return Result<UserView>.Ok(await ToViewAsync(users, user));
        var before = user.CustomerIds;
        user.CustomerIds = limitedTo;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync("user.change-customers", "User", user.Id,
            $"Changed the customers of {user.Email} from {Names(before)} to {Names(limitedTo)}.", ct: ct);
        return Result<UserView>.Ok(await ToViewAsync(users, user));
    }

    /// <summary>
    /// PUT of a whole user: role, customers and disabled, each left as it is when absent. Everything is checked before
    /// anything changes; each change is then made and audited as the page makes it.
    /// </summary>
    public async Task<Result<UserView>> UpdateAsync(string userId, UserInput input, string? actingUserEmail, CancellationToken ct = default)
    {
        if (await GetAsync(userId, ct) is not { IsOk: true, Value: { } current })
            return Result<UserView>.NotFound("No such user.");
        var check = new Validation();
        var role = input.Role is null ? current.Role : Roles.FromApiName(input.Role);
        if (role is null)
            check.Add("role", "Role must be admin, technician or readonly.");
        if (input.Email is { } email && !string.Equals(email.Trim(), current.Email, StringComparison.OrdinalIgnoreCase))
            check.Add("email", "The email is the user's sign-in name and is not changed; create a new user instead.");
        var customerIds = input.CustomerIds ?? (role == Roles.Admin ? [] : current.CustomerIds);
        await CheckCustomersAsync(role, customerIds, check, ct);
        if (!check.IsValid)
            return await Refused(check.ToResult<UserView>(), "user.update", userId);

        var steps = new List<Func<Task<Result<UserView>>>>();
        if (role != current.Role)
            steps.Add(() => ChangeRoleAsync(userId, role!, ct));
        steps.Add(() => SetCustomersAsync(userId, customerIds, ct));
        if (input.Disabled is { } disabled && disabled != current.IsDisabled)
            steps.Add(() => SetDisabledAsync(userId, disabled, actingUserEmail, ct));
        var result = Result<UserView>.Ok(current);
        foreach (var step in steps)
            if (!(result = await step()).IsOk)
                return result;
        return result;
    }

    /// <summary>Removes a user for good. Nobody removes themselves or the last active admin.</summary>
    public async Task<Result<UserView>> DeleteAsync(string userId, string? actingUserEmail, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
            return Result<UserView>.NotFound("No such user.");
        if (string.Equals(user.Email, actingUserEmail, StringComparison.OrdinalIgnoreCase))
            return await Refused(Result<UserView>.Conflict("You cannot delete your own account."), "user.delete", user.Id);
        if (await users.IsInRoleAsync(user, Roles.Admin) && await IsLastActiveAdminAsync(users, user))
            return await Refused(Result<UserView>.Conflict($"{user.Email} is the last active admin and cannot be deleted."), "user.delete", user.Id);
        var view = await ToViewAsync(users, user);
        await users.DeleteAsync(user);
        await audit.RecordAsync("user.delete", "User", user.Id, $"Deleted user {user.Email}.", ct: ct);
        return Result<UserView>.Ok(view);
    }

    /// <summary>The customers to store: none for an admin (refused if some were asked for), each one known.</summary>
    private async Task<List<Guid>> CheckCustomersAsync(string? role, IReadOnlyList<Guid>? customerIds, Validation check, CancellationToken ct)
    {
        var ids = (customerIds ?? []).Distinct().ToList();
        if (ids.Count == 0)
            return ids;
        if (role == Roles.Admin)
            check.Add("customerIds", "Admins see every customer; leave the customers empty or choose another role.");
        foreach (var id in ids)
            if (await customers.FindAsync(id, ct) is null)
            {
                check.Add("customerIds", $"There is no customer {id}.");
                break;
            }
        return ids;
    }

    private static string Describe(IReadOnlyList<Guid> customerIds) =>
        customerIds.Count == 0 ? "" : $", limited to {customerIds.Count} customer(s) {string.Join(", ", customerIds)}";

    private static string Names(IReadOnlyList<Guid> customerIds) => customerIds.Count == 0 ? "every customer" : string.Join(", ", customerIds);

    internal static async Task EnsureRoleAsync(IServiceProvider services, string role)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role))
            await roles.CreateAsync(new IdentityRole(role));
    }

    private static async Task<bool> IsLastActiveAdminAsync(UserManager<AppUser> users, AppUser user)
    {
        var admins = await users.GetUsersInRoleAsync(Roles.Admin);
        return admins.Count(a => !a.IsDisabled && a.Id != user.Id) == 0;
    }

    private async Task<UserView> ToViewAsync(UserManager<AppUser> users, AppUser user)
    {
        var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
        var lockedOut = user.LockoutEnd is { } end && end > clock.GetUtcNow();
        var (twoFactor, passkeys) = await SecondFactor.SecondFactorStatus.DescribeAsync(users, user);
        return new UserView(user.Id, user.Email ?? "", role, user.IsDisabled, lockedOut, user.CreatedAt, user.LastSignInAt, user.CustomerIds, twoFactor, passkeys);
    }

    private static Dictionary<string, string[]> PasswordErrors(IdentityResult result) =>
        new() { ["password"] = result.Errors.Select(e => e.Description).ToArray() };

    private async Task<Result<UserView>> Refused(Result<UserView> result, string action, string? entityId)
    {
        await audit.RecordAsync(action, "User", entityId, $"Refused: {result.Message}", AuditOutcome.Failure);
        return result;
    }
}
