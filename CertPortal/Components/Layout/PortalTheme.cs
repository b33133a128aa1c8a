using MudBlazor;

namespace CertPortal.Components.Layout;

/// <summary>The portal's MudBlazor theme. System fonts: the portal runs without internet access.</summary>
public static class PortalTheme
{
    private static readonly string[] Fonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5fae",
            Secondary = "#2e7d6b",
            AppbarBackground = "#17375e",
            Background = "#f5f7fa",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#6ea8fe",
            Secondary = "#5fc3a8",
            AppbarBackground = "#111827",
            Background = "#0f1419",
            Surface = "#1a2129",
            DrawerBackground = "#151b22",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            H1 = new H1Typography { FontFamily = Fonts },
            H2 = new H2Typography { FontFamily = Fonts },
            H3 = new H3Typography { FontFamily = Fonts },
            H4 = new H4Typography { FontFamily = Fonts, FontSize = "1.75rem", FontWeight = "500" },
            H5 = new H5Typography { FontFamily = Fonts },
            H6 = new H6Typography { FontFamily = Fonts },
            Button = new ButtonTypography { FontFamily = Fonts },
            Body1 = new Body1Typography { FontFamily = Fonts },
            Body2 = new Body2Typography { FontFamily = Fonts },
            Caption = new CaptionTypography { FontFamily = Fonts },
            Subtitle1 = new Subtitle1Typography { FontFamily = Fonts },
            Subtitle2 = new Subtitle2Typography { FontFamily = Fonts },
            Overline = new OverlineTypography { FontFamily = Fonts },
        },
    };
}
