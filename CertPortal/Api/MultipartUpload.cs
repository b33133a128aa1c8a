namespace CertPortal.Api;

/// <summary>An uploaded file with its form fields, as the import and batch endpoints take them (multipart/form-data).</summary>
public sealed record MultipartUpload(IFormCollection Form, byte[]? File)
{
    /// <summary>Reads the form and the file field <paramref name="fileField"/>; null when the request is not multipart.</summary>
    public static async Task<MultipartUpload?> ReadAsync(HttpRequest request, CancellationToken ct, string fileField = "file")
    {
        if (!request.HasFormContentType)
            return null;
        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile(fileField) is not { } file)
            return new MultipartUpload(form, null);
        using var buffer = new MemoryStream();
        await file.OpenReadStream().CopyToAsync(buffer, ct);
        return new MultipartUpload(form, buffer.ToArray());
    }

    /// <summary>415 problem details naming the fields the endpoint expects.</summary>
    public static IResult NotMultipart(string fields) =>
        ResultHttp.Problem(StatusCodes.Status415UnsupportedMediaType, "Send multipart/form-data.", $"Send multipart/form-data with the fields {fields}.");

    public Guid? Id(string field) => System.Guid.TryParse(Form[field], out var id) ? id : null;

    /// <summary>A text field, or null when it is missing or empty.</summary>
    public string? Text(string field) => Form[field].ToString() is { Length: > 0 } text ? text : null;
}
