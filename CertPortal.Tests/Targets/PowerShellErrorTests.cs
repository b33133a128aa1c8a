using CertPortal.Features.Targets.Connectors;

namespace CertPortal.Tests.Targets;

/// <summary>What the iis connector shows of a PowerShell error: the message, never the echoed script line.</summary>
public sealed class PowerShellErrorTests
{
    [Fact]
    public void A_console_error_gives_its_wrapped_message_without_the_position_and_the_script_line()
    {
        const string error = "Import-PfxCertificate : The PFX file you are trying to import requires either a different password or\r\n" +
            "membership in an Active Directory principal to which it is protected.\r\nAt line:3 char:1\r\n" +
            "+ Import-PfxCertificate -FilePath 'x.pfx' -Password (ConvertTo-SecureString -String 'secret-pw' -AsPlainText -Force)\r\n" +
            "    + CategoryInfo          : NotSpecified: (:) [Import-PfxCertificate], Win32Exception\r\n";

        var message = PowerShellError.Message(error, "");

        Assert.Equal("Import-PfxCertificate : The PFX file you are trying to import requires either a different password or " +
            "membership in an Active Directory principal to which it is protected.", message);
    }

    [Fact]
    public void A_clixml_error_stream_is_decoded()
    {
        const string error = "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">" +
            "<Obj S=\"progress\" RefId=\"0\"><TN RefId=\"0\"><T>System.Management.Automation.PSCustomObject</T></TN><MS><I64 N=\"SourceId\">1</I64></MS></Obj>" +
            "<S S=\"Error\">Get-Website : The term 'Get-Website' is not recognized as the name of a cmdlet, _x000D__x000A_</S>" +
            "<S S=\"Error\">function, script file, or operable program._x000D__x000A_</S>" +
            "<S S=\"Error\">At line:3 char:1_x000D__x000A_</S><S S=\"Error\">+ Get-Website -Name 'S'_x000D__x000A_</S></Objs>";

        Assert.Equal("Get-Website : The term 'Get-Website' is not recognized as the name of a cmdlet, function, script file, or operable program.",
            PowerShellError.Message(error, ""));
    }

    [Fact]
    public void A_clixml_error_declaring_entities_is_not_expanded()
    {
        // &#45; keeps the expanded text ("from-the-dtd") out of the raw error, so seeing it means the DTD was processed.
        const string error = "#< CLIXML\r\n<!DOCTYPE Objs [<!ENTITY x \"from&#45;the&#45;dtd\">]>" +
            "<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\"><S S=\"Error\">Failed: &x;_x000D__x000A_</S></Objs>";

        Assert.DoesNotContain("from-the-dtd", PowerShellError.Message(error, ""));
    }

    [Fact]
    public void Without_stderr_the_output_is_the_message()
    {
        Assert.Equal("bash: line 1: powershell.exe: command not found", PowerShellError.Message("", "bash: line 1: powershell.exe: command not found\n"));
    }
}
