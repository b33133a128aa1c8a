using CertPortal.Pki;

namespace CertPortal.Tests.Pki;

public sealed class SubjectNameTests
{
    [Fact]
    public void A_subject_is_written_country_first_with_quoted_and_escaped_commas_kept()
    {
        var name = SubjectName.Parse("CN=VPN Alice, OU=Sales, O=\"Contoso, Inc.\", L=Köln\\, Nord, ST=NRW, C=de, E=alice@contoso.test").Require();

        Assert.Equal("CN=VPN Alice, OU=Sales, O=\"Contoso, Inc.\", L=\"Köln, Nord\", S=NRW, C=DE, E=alice@contoso.test", name.Name);
        Assert.Equal("alice@contoso.test", name.EnumerateRelativeDistinguishedNames(reversed: false).First().GetSingleElementValue());
    }

    [Theory]
    [InlineData("CN=a,XX=b", "Unknown subject attribute 'XX'; use CN, O, OU, C, L, ST, E.")]
    [InlineData("CN=a,O=", "O has an empty value.")]
    [InlineData("CN=a,C=DEU", "C must be a two-letter country code (ISO 3166), not 'DEU'.")]
    [InlineData("CN=a,C=1X", "C must be a two-letter country code (ISO 3166), not '1X'.")]
    [InlineData("CN=a,O=\"Contoso, Inc.", "A quoted value is not closed with \".")]
    [InlineData("CN=a,O=\"Contoso\" Inc", "Unexpected text after the quoted value \"Contoso\".")]
    [InlineData("CN=a,Contoso", "'Contoso' is not of the form ATTRIBUTE=value.")]
    [InlineData("O=Contoso,C=DE", "The subject needs a common name (CN=...).")]
    [InlineData("  ", "The subject is empty; write it as CN=name,O=organisation,C=country.")]
    [InlineData("CN=a,E=not-an-address", "E must be an email address, not 'not-an-address'.")]
    [InlineData("CN=a\\", "A value ends with a lone backslash.")]
    public void Broken_subjects_are_refused_with_a_clear_error(string text, string error)
    {
        Assert.Equal(error, SubjectName.Parse(text).Error);
    }

    [Fact]
    public void A_common_name_over_64_characters_is_refused()
    {
        Assert.Equal("CN is longer than 64 characters.", SubjectName.Parse("CN=" + new string('a', 65)).Error);
    }
}
