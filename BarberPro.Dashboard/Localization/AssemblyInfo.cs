using System.Resources;

// The neutral resources (Strings.resx, MudStrings.resx) are English: an English request reads them without looking
// for an "en" satellite assembly.
[assembly: NeutralResourcesLanguage("en")]
