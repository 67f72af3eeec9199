package normalize

import (
	"strings"

	"golang.org/x/text/language"
)

// CountryCode returns the ISO 3166-1 alpha-2 code for a country written as
// an alpha-2 or alpha-3 code or an English name with the spellings that
// sanctions lists and forms use ("Korea, North", "DPRK", "U.S.",
// "Russian Federation"). ok is false when s names no country.
func CountryCode(s string) (code string, ok bool) {
	if t := strings.TrimSpace(s); len(t) == 2 {
		// The common case in a country column, without the address
		// tokenizer.
		if u := upperASCII(t); isAlpha2(u) {
			return u, true
		}
	}
	toks := addressTokens(s)
	return countryFromTokens(toks)
}

func countryFromTokens(toks []addrToken) (string, bool) {
	switch len(toks) {
	case 0:
		return "", false
	case 1:
		w := toks[0].text
		if len(w) == 2 && isAlpha2(w) {
			return w, true
		}
		if w == "UK" {
			return "GB", true
		}
		if len(w) == 3 && isUpperLetter(w[0]) && isUpperLetter(w[1]) && isUpperLetter(w[2]) {
			if c, ok := alpha3ToAlpha2(w); ok {
				return c, true
			}
		}
	}
	c, ok := countryKeys[joinTokens(toks)]
	return c, ok
}

// alpha3ToAlpha2 leans on x/text's region table rather than carry a second
// copy of ISO 3166 here.
func alpha3ToAlpha2(w string) (string, bool) {
	r, err := language.ParseRegion(w)
	if err != nil || !r.IsCountry() {
		return "", false
	}
	c := r.Canonicalize().String()
	if !isAlpha2(c) {
		return "", false
	}
	return c, true
}

func isAlpha2(c string) bool {
	if len(c) != 2 || !isUpperLetter(c[0]) || !isUpperLetter(c[1]) {
		return false
	}
	return strings.Contains(alpha2Codes, c)
}

// alpha2Codes lists every assigned ISO 3166-1 alpha-2 code plus XK
// (Kosovo, used by banks and OFAC), space-separated so a substring test on a
// two-letter value is a membership test.
const alpha2Codes = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ " +
	"BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
	"CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ " +
	"DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
	"GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY " +
	"HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
	"KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY " +
	"MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
	"NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY " +
	"QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ " +
	"TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ " +
	"VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW"

// countryNames maps English country names and aliases, in the token form
// addressTokens produces (upper-case, no punctuation, single spaces), to
// alpha-2 codes. It includes the spellings of OFAC's country column.
var countryNames = map[string]string{
	"GEORGIA": "GE", "JERSEY": "JE", "COTE D IVOIRE": "CI", "MAN ISLE OF": "IM",
	"NORTH MACEDONIA THE REPUBLIC OF": "MK", "PALESTINIAN": "PS",
	"BAHAMAS THE": "BS", "GAMBIA THE": "GM", "VIRGIN ISLANDS BRITISH": "VG",

	"AFGHANISTAN": "AF", "ALAND ISLANDS": "AX", "ALBANIA": "AL", "ALGERIA": "DZ",
	"AMERICAN SAMOA": "AS", "ANDORRA": "AD", "ANGOLA": "AO", "ANGUILLA": "AI",
	"ANTARCTICA": "AQ", "ANTIGUA AND BARBUDA": "AG", "ANTIGUA BARBUDA": "AG",
	"ARGENTINA": "AR", "ARMENIA": "AM", "ARUBA": "AW", "AUSTRALIA": "AU",
	"AUSTRIA": "AT", "AZERBAIJAN": "AZ", "BAHAMAS": "BS", "THE BAHAMAS": "BS",
	"BAHRAIN": "BH", "BANGLADESH": "BD", "BARBADOS": "BB",
	"BELARUS": "BY", "BELGIUM": "BE", "BELIZE": "BZ", "BENIN": "BJ",
	"BERMUDA": "BM", "BHUTAN": "BT", "BOLIVIA": "BO", "BONAIRE": "BQ",
	"BOSNIA AND HERZEGOVINA": "BA", "BOSNIA HERZEGOVINA": "BA", "BOSNIA": "BA",
	"BOTSWANA": "BW", "BRAZIL": "BR", "BRITISH VIRGIN ISLANDS": "VG",
	"BRUNEI": "BN", "BRUNEI DARUSSALAM": "BN",
	"BULGARIA": "BG", "BURKINA FASO": "BF", "BURMA": "MM", "MYANMAR": "MM",
	"BURUNDI": "BI", "CABO VERDE": "CV", "CAPE VERDE": "CV", "CAMBODIA": "KH",
	"CAMEROON": "CM", "CANADA": "CA", "CAYMAN ISLANDS": "KY",
	"CENTRAL AFRICAN REPUBLIC": "CF", "CHAD": "TD", "CHILE": "CL",
	"CHINA": "CN", "PRC": "CN", "PEOPLES REPUBLIC OF CHINA": "CN",
	"CHINA PEOPLES REPUBLIC OF": "CN", "CHRISTMAS ISLAND": "CX",
	"COLOMBIA": "CO", "COMOROS": "KM", "CONGO": "CG", "REPUBLIC OF THE CONGO": "CG",
	"CONGO REPUBLIC OF THE": "CG", "CONGO BRAZZAVILLE": "CG",
	"DEMOCRATIC REPUBLIC OF THE CONGO": "CD", "CONGO DEMOCRATIC REPUBLIC OF THE": "CD",
	"CONGO KINSHASA": "CD", "DRC": "CD", "COOK ISLANDS": "CK", "COSTA RICA": "CR",
	"COTE DIVOIRE": "CI", "IVORY COAST": "CI", "CROATIA": "HR", "CUBA": "CU",
	"CURACAO": "CW", "CYPRUS": "CY", "CZECHIA": "CZ", "CZECH REPUBLIC": "CZ",
	"DENMARK": "DK", "DJIBOUTI": "DJ", "DOMINICA": "DM", "DOMINICAN REPUBLIC": "DO",
	"EAST TIMOR": "TL", "TIMOR LESTE": "TL", "ECUADOR": "EC", "EGYPT": "EG",
	"EL SALVADOR": "SV", "EQUATORIAL GUINEA": "GQ", "ERITREA": "ER",
	"ESTONIA": "EE", "ESWATINI": "SZ", "SWAZILAND": "SZ", "ETHIOPIA": "ET",
	"FALKLAND ISLANDS": "FK", "FAROE ISLANDS": "FO", "FIJI": "FJ", "FINLAND": "FI",
	"FRANCE": "FR", "FRENCH GUIANA": "GF", "FRENCH POLYNESIA": "PF", "GABON": "GA",
	"GAMBIA": "GM", "THE GAMBIA": "GM", "GERMANY": "DE",
	"FEDERAL REPUBLIC OF GERMANY": "DE", "DEUTSCHLAND": "DE", "GHANA": "GH",
	"GIBRALTAR": "GI", "GREECE": "GR", "GREENLAND": "GL", "GRENADA": "GD",
	"GUADELOUPE": "GP", "GUAM": "GU", "GUATEMALA": "GT", "GUERNSEY": "GG",
	"GUINEA": "GN", "GUINEA BISSAU": "GW", "GUYANA": "GY", "HAITI": "HT",
	"HOLY SEE": "VA", "VATICAN": "VA", "VATICAN CITY": "VA", "HONDURAS": "HN",
	"HONG KONG": "HK", "HONG KONG SAR": "HK", "HONG KONG SAR CHINA": "HK",
	"HUNGARY": "HU", "ICELAND": "IS", "INDIA": "IN", "INDONESIA": "ID",
	"IRAN": "IR", "IRAN ISLAMIC REPUBLIC OF": "IR", "ISLAMIC REPUBLIC OF IRAN": "IR",
	"IRAQ": "IQ", "IRELAND": "IE", "ISLE OF MAN": "IM", "ISRAEL": "IL",
	"ITALY": "IT", "JAMAICA": "JM", "JAPAN": "JP", "JORDAN": "JO",
	"KAZAKHSTAN": "KZ", "KENYA": "KE", "KIRIBATI": "KI", "KOSOVO": "XK",
	"KUWAIT": "KW", "KYRGYZSTAN": "KG", "KYRGYZ REPUBLIC": "KG", "LAOS": "LA",
	"LAO PDR": "LA", "LAO PEOPLES DEMOCRATIC REPUBLIC": "LA", "LATVIA": "LV",
	"LEBANON": "LB", "LESOTHO": "LS", "LIBERIA": "LR", "LIBYA": "LY",
	"LIECHTENSTEIN": "LI", "LITHUANIA": "LT", "LUXEMBOURG": "LU", "MACAU": "MO",
	"MACAO": "MO", "MADAGASCAR": "MG", "MALAWI": "MW", "MALAYSIA": "MY",
	"MALDIVES": "MV", "MALI": "ML", "MALTA": "MT", "MARSHALL ISLANDS": "MH",
	"MARTINIQUE": "MQ", "MAURITANIA": "MR", "MAURITIUS": "MU", "MAYOTTE": "YT",
	"MEXICO": "MX", "MICRONESIA": "FM", "FEDERATED STATES OF MICRONESIA": "FM",
	"MICRONESIA FEDERATED STATES OF": "FM", "MOLDOVA": "MD", "REPUBLIC OF MOLDOVA": "MD",
	"MONACO": "MC", "MONGOLIA": "MN", "MONTENEGRO": "ME", "MONTSERRAT": "MS",
	"MOROCCO": "MA", "MOZAMBIQUE": "MZ", "NAMIBIA": "NA", "NAURU": "NR",
	"NEPAL": "NP", "NETHERLANDS": "NL", "THE NETHERLANDS": "NL", "NETHERLANDS THE": "NL",
	"HOLLAND": "NL", "NEW CALEDONIA": "NC", "NEW ZEALAND": "NZ", "NICARAGUA": "NI",
	"NIGER": "NE", "NIGERIA": "NG", "NIUE": "NU", "NORFOLK ISLAND": "NF",
	"NORTH MACEDONIA": "MK", "MACEDONIA": "MK", "NORTHERN MARIANA ISLANDS": "MP",
	"NORWAY": "NO", "OMAN": "OM", "PAKISTAN": "PK", "PALAU": "PW",
	"PALESTINE": "PS", "STATE OF PALESTINE": "PS", "PALESTINIAN TERRITORIES": "PS",
	"WEST BANK": "PS", "GAZA": "PS", "PANAMA": "PA", "PAPUA NEW GUINEA": "PG",
	"PARAGUAY": "PY", "PERU": "PE", "PHILIPPINES": "PH", "THE PHILIPPINES": "PH",
	"PITCAIRN": "PN", "POLAND": "PL", "PORTUGAL": "PT", "PUERTO RICO": "PR",
	"QATAR": "QA", "REUNION": "RE", "ROMANIA": "RO", "RUSSIA": "RU",
	"RUSSIAN FEDERATION": "RU", "RUSSIAN FED": "RU", "RWANDA": "RW",
	"SAINT BARTHELEMY": "BL", "SAINT HELENA": "SH", "SAINT KITTS AND NEVIS": "KN",
	"ST KITTS AND NEVIS": "KN", "SAINT LUCIA": "LC", "ST LUCIA": "LC",
	"SAINT MARTIN": "MF", "SAINT PIERRE AND MIQUELON": "PM",
	"SAINT VINCENT AND THE GRENADINES": "VC", "ST VINCENT AND THE GRENADINES": "VC",
	"SAMOA": "WS", "SAN MARINO": "SM", "SAO TOME AND PRINCIPE": "ST",
	"SAUDI ARABIA": "SA", "KSA": "SA", "SENEGAL": "SN", "SERBIA": "RS",
	"SEYCHELLES": "SC", "SIERRA LEONE": "SL", "SINGAPORE": "SG",
	"SINT MAARTEN": "SX", "SLOVAKIA": "SK", "SLOVAK REPUBLIC": "SK",
	"SLOVENIA": "SI", "SOLOMON ISLANDS": "SB", "SOMALIA": "SO",
	"SOUTH AFRICA": "ZA", "SOUTH SUDAN": "SS", "SPAIN": "ES", "SRI LANKA": "LK",
	"SUDAN": "SD", "SURINAME": "SR", "SVALBARD AND JAN MAYEN": "SJ",
	"SWEDEN": "SE", "SWITZERLAND": "CH", "SYRIA": "SY", "SYRIAN ARAB REPUBLIC": "SY",
	"TAIWAN": "TW", "REPUBLIC OF CHINA": "TW", "TAJIKISTAN": "TJ",
	"TANZANIA": "TZ", "UNITED REPUBLIC OF TANZANIA": "TZ", "THAILAND": "TH",
	"TOGO": "TG", "TOKELAU": "TK", "TONGA": "TO", "TRINIDAD AND TOBAGO": "TT",
	"TUNISIA": "TN", "TURKEY": "TR", "TURKIYE": "TR", "TURKMENISTAN": "TM",
	"TURKS AND CAICOS ISLANDS": "TC", "TUVALU": "TV", "UGANDA": "UG",
	"UKRAINE": "UA", "THE UKRAINE": "UA", "UNITED ARAB EMIRATES": "AE", "UAE": "AE",
	"UNITED KINGDOM": "GB", "UK": "GB", "GREAT BRITAIN": "GB", "BRITAIN": "GB",
	"ENGLAND": "GB", "SCOTLAND": "GB", "WALES": "GB", "NORTHERN IRELAND": "GB",
	"UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND": "GB",
	"UNITED STATES": "US", "UNITED STATES OF AMERICA": "US", "USA": "US",
	"US": "US", "AMERICA": "US",
	"URUGUAY": "UY", "UZBEKISTAN": "UZ", "VANUATU": "VU", "VENEZUELA": "VE",
	"VIETNAM": "VN", "VIET NAM": "VN", "SOCIALIST REPUBLIC OF VIETNAM": "VN",
	"US VIRGIN ISLANDS": "VI", "VIRGIN ISLANDS US": "VI", "WALLIS AND FUTUNA": "WF",
	"WESTERN SAHARA": "EH", "YEMEN": "YE", "ZAMBIA": "ZM", "ZIMBABWE": "ZW",

	// The two Koreas, in every spelling lists and forms use; getting these
	// apart is the point of the tool.
	"KOREA": "KR", "SOUTH KOREA": "KR", "KOREA SOUTH": "KR", "REPUBLIC OF KOREA": "KR",
	"KOREA REPUBLIC OF": "KR", "ROK": "KR", "KOREA REP": "KR",
	"NORTH KOREA": "KP", "KOREA NORTH": "KP", "DPRK": "KP", "DPR KOREA": "KP",
	"DEMOCRATIC PEOPLES REPUBLIC OF KOREA": "KP",
	"KOREA DEMOCRATIC PEOPLES REPUBLIC OF": "KP", "KOREA DPR": "KP",
}

// usPlaceCountries are country names that are also US states; at the end
// of an address they are far more often the state ("Atlanta, Georgia"),
// so Address leaves them alone while CountryCode, reading a country
// column, does not.
var usPlaceCountries = map[string]bool{"GEORGIA": true, "JERSEY": true}

// countrySuffixes are the names safe to recognise at the end of an address
// that has no comma before them: none is also a common US city, state or
// street word.
var countrySuffixes = map[string]string{
	"USA": "US", "UNITED STATES": "US", "UNITED STATES OF AMERICA": "US",
	"UK": "GB", "UNITED KINGDOM": "GB", "GREAT BRITAIN": "GB",
	"SOUTH KOREA": "KR", "REPUBLIC OF KOREA": "KR", "NORTH KOREA": "KP", "DPRK": "KP",
	"CHINA": "CN", "PRC": "CN", "JAPAN": "JP", "RUSSIA": "RU", "RUSSIAN FEDERATION": "RU",
	"VIETNAM": "VN", "UKRAINE": "UA", "POLAND": "PL", "GERMANY": "DE", "FRANCE": "FR",
	"CANADA": "CA", "INDIA": "IN", "PAKISTAN": "PK", "PHILIPPINES": "PH",
	"INDONESIA": "ID", "MALAYSIA": "MY", "SINGAPORE": "SG", "THAILAND": "TH",
	"CAMBODIA": "KH", "LAOS": "LA", "MONGOLIA": "MN", "NIGERIA": "NG",
	"UNITED ARAB EMIRATES": "AE", "UAE": "AE", "NETHERLANDS": "NL", "SPAIN": "ES",
	"ITALY": "IT", "ROMANIA": "RO", "BELARUS": "BY", "KAZAKHSTAN": "KZ",
	"UZBEKISTAN": "UZ", "TURKEY": "TR", "AUSTRALIA": "AU", "SWITZERLAND": "CH",
	"HONG KONG": "HK", "TAIWAN": "TW", "BANGLADESH": "BD", "SRI LANKA": "LK",
}

// usStates maps US state and territory names to USPS codes; applied only to
// a whole address component ("Springfield, Illinois 62704").
var usStates = map[string]string{
	"ALABAMA": "AL", "ALASKA": "AK", "ARIZONA": "AZ", "ARKANSAS": "AR",
	"CALIFORNIA": "CA", "COLORADO": "CO", "CONNECTICUT": "CT", "DELAWARE": "DE",
	"DISTRICT OF COLUMBIA": "DC", "FLORIDA": "FL", "GEORGIA": "GA", "HAWAII": "HI",
	"IDAHO": "ID", "ILLINOIS": "IL", "INDIANA": "IN", "IOWA": "IA", "KANSAS": "KS",
	"KENTUCKY": "KY", "LOUISIANA": "LA", "MAINE": "ME", "MARYLAND": "MD",
	"MASSACHUSETTS": "MA", "MICHIGAN": "MI", "MINNESOTA": "MN", "MISSISSIPPI": "MS",
	"MISSOURI": "MO", "MONTANA": "MT", "NEBRASKA": "NE", "NEVADA": "NV",
	"NEW HAMPSHIRE": "NH", "NEW JERSEY": "NJ", "NEW MEXICO": "NM", "NEW YORK": "NY",
	"NORTH CAROLINA": "NC", "NORTH DAKOTA": "ND", "OHIO": "OH", "OKLAHOMA": "OK",
	"OREGON": "OR", "PENNSYLVANIA": "PA", "RHODE ISLAND": "RI",
	"SOUTH CAROLINA": "SC", "SOUTH DAKOTA": "SD", "TENNESSEE": "TN", "TEXAS": "TX",
	"UTAH": "UT", "VERMONT": "VT", "VIRGINIA": "VA", "WASHINGTON": "WA",
	"WEST VIRGINIA": "WV", "WISCONSIN": "WI", "WYOMING": "WY",
}
