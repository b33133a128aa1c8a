using System.Xml.Linq;
using CertPortal.Common;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace CertPortal.Data;

/// <summary>
/// Seals ASP.NET Data Protection keys (the keys behind sign-in cookies and antiforgery tokens) with the master key
/// before they are written to <c>{DataPath}/keys</c>, so the data folder without the master key reveals none.
/// </summary>
internal sealed class MasterKeyXmlEncryptor(SecretProtector protector) : IXmlEncryptor
{
    public const string ElementName = "sealedKey";
    public const string ValueName = "value";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var sealedValue = protector.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var element = new XElement(ElementName,
            new XComment(" Sealed with the CertPortal master key (AES-256-GCM). "),
            new XElement(ValueName, sealedValue));
        return new EncryptedXmlInfo(element, typeof(MasterKeyXmlDecryptor));
    }
}

/// <summary>Opens what <see cref="MasterKeyXmlEncryptor"/> sealed. Data Protection creates it with the service provider.</summary>
internal sealed class MasterKeyXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var sealedValue = encryptedElement.Element(MasterKeyXmlEncryptor.ValueName)?.Value
            ?? throw new SecretUnreadableException("A Data Protection key file has no sealed value.");
        return DtdFreeXml.Parse(services.GetRequiredService<SecretProtector>().Unprotect(sealedValue));
    }
}
