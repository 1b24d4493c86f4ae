namespace Amigo.Plugins.ArenaSso.Identity;

/// <summary>
/// One value of <c>FrEduRne</c> (<c>uai$type$category$function$uaj$tna_sym$tty_code$tna_code</c>) or of
/// <c>FrEduRneResp</c> (<c>uai$type$category$activity$tna_sym$tty_code$tna_code</c>).
/// </summary>
/// <param name="Uai">The establishment's validated UAI code.</param>
/// <param name="Type">Structure type, e.g. <c>UAJ</c>.</param>
/// <param name="Category">Public or private sector, e.g. <c>PU</c>.</param>
/// <param name="Function">The person's function there (<c>DIR</c>, …) for <c>FrEduRne</c>; the activity for <c>FrEduRneResp</c>.</param>
/// <param name="TypeCode">Establishment kind, e.g. <c>LYC</c>, <c>CLG</c>.</param>
public sealed record ArenaEstablishment(UaiCode Uai, string Type, string Category, string Function, string TypeCode);
