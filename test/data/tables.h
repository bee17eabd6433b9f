/*
 * tables.h -- the fixed reference tables of the synthetic data generator:
 * places (with coordinates), corridors, names with frequency weights,
 * nationalities.  Included once, by gen.c.  Sources are named per table;
 * the long form is in test/data/ref/SOURCES.md and docs/data.md.
 *
 * Coordinates are stored as integers in 1e-4 degree (about 11 m) so that
 * they are written to the CSV files exactly, without floating-point
 * formatting.
 */

/* ---------------------------------------------------------------- places */

/*
 * City-centre coordinates (WGS84, lon/lat in 1e-4 degree).  Mexican places
 * carry the 5-digit INEGI municipio key (Marco Geoestadistico) of the
 * municipio that contains them; the test checks every Mexican place against
 * that municipio's centroid in ref/mx_municipio_centroids.csv (INEGI-derived,
 * jairgs/Mexico-GeoJSON).  City centres are from general gazetteer knowledge
 * (checked against the centroids: all within the municipio's extent).
 * Foreign places carry an ISO 3166-1 alpha-2 country code instead.
 * 'hot' marks places the generator treats as kidnapping/extortion hotspots
 * (press and NGO reporting on the freight-train and Tamaulipas routes; an
 * illustrative list, not an official one).
 */
typedef struct Place
{
	const char *name;
	const char *key;			/* INEGI CVE_ENT+CVE_MUN, or ISO alpha-2 */
	int			lon;			/* 1e-4 degree */
	int			lat;
	int			hot;
	int			inm;			/* INM checkpoint weight (apprehension), per mille */
} Place;

enum
{
	/* Central and South America, Caribbean */
	P_GUATEMALA, P_HUEHUETENANGO, P_TECUN_UMAN, P_TEGUCIGALPA, P_SAN_PEDRO_SULA,
	P_SAN_SALVADOR, P_MANAGUA, P_HAVANA, P_PORT_AU_PRINCE, P_CARACAS, P_BOGOTA,
	P_QUITO, P_NECOCLI, P_ACANDI, P_METETI,
	/* southern Mexico */
	P_CIUDAD_HIDALGO, P_TAPACHULA, P_HUIXTLA, P_ARRIAGA, P_CHAHUITES, P_IXTEPEC,
	P_MATIAS_ROMERO, P_MEDIAS_AGUAS, P_ACAYUCAN, P_TENOSIQUE, P_PALENQUE,
	P_COATZACOALCOS, P_TIERRA_BLANCA, P_ORIZABA, P_APIZACO, P_PUEBLA,
	P_CDMX, P_LECHERIA, P_HUEHUETOCA, P_VERACRUZ, P_TAMPICO,
	/* central and northern Mexico */
	P_QUERETARO, P_CELAYA, P_IRAPUATO, P_GUADALAJARA, P_MAZATLAN, P_CULIACAN,
	P_HERMOSILLO, P_SAN_LUIS_POTOSI, P_SALTILLO, P_MONTERREY, P_TORREON,
	P_CHIHUAHUA,
	/* Mexican origin cities of Mexican migrants */
	P_MORELIA, P_LEON, P_OAXACA, P_CHILPANCINGO, P_TOLUCA, P_ZACATECAS,
	P_PACHUCA, P_TUXTLA, P_XALAPA,
	/* Mexican border cities = repatriation points (same order as US ports) */
	P_TIJUANA, P_MEXICALI, P_NOGALES_MX, P_CIUDAD_JUAREZ, P_OJINAGA,
	P_CIUDAD_ACUNA, P_PIEDRAS_NEGRAS, P_NUEVO_LAREDO, P_REYNOSA, P_MATAMOROS,
	/* US ports of entry / removal, paired with the row above */
	P_SAN_YSIDRO, P_CALEXICO, P_NOGALES_US, P_EL_PASO, P_PRESIDIO, P_DEL_RIO,
	P_EAGLE_PASS, P_LAREDO, P_HIDALGO_TX, P_BROWNSVILLE,
	/* US removal airports (ICE Air staging) */
	P_ALEXANDRIA, P_HARLINGEN, P_MESA,
	N_PLACES
};

static const Place places[N_PLACES] = {
	{"Ciudad de Guatemala", "GT", -905133, 146349, 0, 0},
	{"Huehuetenango", "GT", -914714, 153197, 0, 0},
	{"Tecún Umán", "GT", -921436, 146781, 0, 0},
	{"Tegucigalpa", "HN", -872068, 140723, 0, 0},
	{"San Pedro Sula", "HN", -880250, 155050, 0, 0},
	{"San Salvador", "SV", -892182, 136929, 0, 0},
	{"Managua", "NI", -862514, 121364, 0, 0},
	{"La Habana", "CU", -823666, 231136, 0, 0},
	{"Port-au-Prince", "HT", -723388, 185392, 0, 0},
	{"Caracas", "VE", -669036, 104806, 0, 0},
	{"Bogotá", "CO", -740721, 47110, 0, 0},
	{"Quito", "EC", -784678, -1807, 0, 0},
	{"Necoclí", "CO", -767847, 84247, 0, 0},
	{"Acandí", "CO", -772783, 85108, 0, 0},
	{"Metetí", "PA", -779750, 84978, 0, 0},

	{"Ciudad Hidalgo", "07087", -921497, 146797, 0, 40},
	{"Tapachula", "07089", -922631, 149056, 0, 60},
	{"Huixtla", "07040", -924656, 151386, 0, 50},
	{"Arriaga", "07009", -938986, 162353, 0, 50},
	{"Chahuites", "20025", -941961, 162906, 0, 20},
	{"Ciudad Ixtepec", "20014", -951008, 165622, 0, 30},
	{"Matías Romero", "20057", -950397, 168808, 0, 20},
	{"Medias Aguas", "30144", -950300, 176700, 1, 20},
	{"Acayucan", "30003", -949147, 179492, 0, 60},
	{"Tenosique", "27017", -914225, 174731, 1, 50},
	{"Palenque", "07065", -919822, 175097, 0, 40},
	{"Coatzacoalcos", "30039", -944340, 181420, 1, 40},
	{"Tierra Blanca", "30174", -963589, 184475, 1, 30},
	{"Orizaba", "30118", -971003, 188511, 0, 20},
	{"Apizaco", "29005", -981403, 194128, 0, 20},
	{"Puebla", "21114", -982063, 190414, 0, 30},
	{"Ciudad de México", "09015", -991332, 194326, 0, 30},
	{"Lechería", "15109", -991870, 196110, 0, 20},
	{"Huehuetoca", "15035", -992036, 198336, 0, 20},
	{"Veracruz", "30193", -961342, 191738, 0, 30},
	{"Tampico", "28038", -978611, 222331, 0, 30},

	{"Querétaro", "22014", -1003899, 205888, 0, 20},
	{"Celaya", "11007", -1008157, 205236, 0, 15},
	{"Irapuato", "11017", -1013563, 206767, 0, 15},
	{"Guadalajara", "14039", -1033496, 206597, 0, 20},
	{"Mazatlán", "25012", -1064111, 232494, 0, 15},
	{"Culiacán", "25006", -1073940, 248091, 0, 15},
	{"Hermosillo", "26030", -1109559, 290729, 0, 20},
	{"San Luis Potosí", "24028", -1009855, 221565, 0, 25},
	{"Saltillo", "05030", -1010053, 254232, 0, 25},
	{"Monterrey", "19039", -1003161, 256866, 0, 30},
	{"Torreón", "05035", -1034068, 255428, 0, 20},
	{"Chihuahua", "08019", -1060691, 286320, 0, 25},

	{"Morelia", "16053", -1011950, 197060, 0, 0},
	{"León", "11020", -1016860, 211250, 0, 0},
	{"Oaxaca de Juárez", "20067", -967266, 170732, 0, 0},
	{"Chilpancingo", "12029", -995009, 175515, 0, 0},
	{"Toluca", "15106", -996557, 192826, 0, 0},
	{"Zacatecas", "32056", -1025832, 227709, 0, 0},
	{"Pachuca", "13048", -987591, 201011, 0, 0},
	{"Tuxtla Gutiérrez", "07101", -931150, 167528, 0, 0},
	{"Xalapa", "30087", -969102, 195438, 0, 0},

	{"Tijuana", "02004", -1170382, 325149, 0, 20},
	{"Mexicali", "02002", -1154523, 326245, 0, 20},
	{"Nogales", "26043", -1109422, 313086, 0, 20},
	{"Ciudad Juárez", "08037", -1064245, 316904, 0, 20},
	{"Ojinaga", "08052", -1044164, 295646, 0, 20},
	{"Ciudad Acuña", "05002", -1009522, 293232, 0, 20},
	{"Piedras Negras", "05025", -1005231, 287000, 0, 20},
	{"Nuevo Laredo", "28027", -995496, 274779, 1, 30},
	{"Reynosa", "28032", -982979, 260508, 1, 30},
	{"Matamoros", "28022", -975027, 258690, 1, 30},

	{"San Ysidro, CA", "US", -1170296, 325431, 0, 0},
	{"Calexico, CA", "US", -1154989, 326789, 0, 0},
	{"Nogales, AZ", "US", -1109343, 313404, 0, 0},
	{"El Paso, TX", "US", -1064850, 317619, 0, 0},
	{"Presidio, TX", "US", -1043722, 295607, 0, 0},
	{"Del Rio, TX", "US", -1008968, 293627, 0, 0},
	{"Eagle Pass, TX", "US", -1004995, 287091, 0, 0},
	{"Laredo, TX", "US", -995075, 275064, 0, 0},
	{"Hidalgo, TX", "US", -982631, 261003, 0, 0},
	{"Brownsville, TX", "US", -974975, 259017, 0, 0},

	{"Alexandria, LA (air)", "US", -925499, 313274, 0, 0},
	{"Harlingen, TX (air)", "US", -976961, 261906, 0, 0},
	{"Mesa, AZ (air)", "US", -1116550, 333078, 0, 0},
};

#define N_BORDER 10
/* US Border Patrol sector of each crossing pair (same order as border cities) */
static const char *const us_sector[N_BORDER] = {
	"San Diego", "El Centro", "Tucson", "El Paso", "Big Bend", "Del Rio",
	"Del Rio", "Laredo", "Rio Grande Valley", "Rio Grande Valley"
};
/* US state of each port */
static const char *const us_state[N_BORDER] = {
	"CA", "CA", "AZ", "TX", "TX", "TX", "TX", "TX", "TX", "TX"
};

/* ------------------------------------------------------------- corridors */

/*
 * A corridor is a sequence of places; each hop has a class: 'T' = along a
 * freight line (Ferrocarril Chiapas-Mayab, FIT, Ferromex/KCSM lines: the
 * train is the likely mode), 'R' = road, 'F' = footpath/river crossing,
 * 'A' = air, 'S' = sea/boat, 'O' = long multi-country overland stretch.
 * Node lists follow reference/domain.md section 3.1 (freight-train route
 * nodes and common route strings).
 */
typedef struct Hop
{
	int			place;
	char		cls;			/* class of the hop that ARRIVES at place */
} Hop;

typedef struct Corridor
{
	const char *name;
	int			nhops;
	Hop			hops[16];
} Corridor;

enum
{
	C_SOUTH_TRAIN, C_SOUTH_BUS, C_GULF_TRAIN, N_SOUTH
};
enum
{
	C_NORTH_PACIFIC, C_NORTH_NE, C_NORTH_CENTRAL, C_NORTH_GULF, N_NORTH
};

/* southern segments: from the Guatemalan border to central Mexico */
static const Corridor south[N_SOUTH] = {
	{"pacific_train", 11, {
			{P_TECUN_UMAN, 'R'}, {P_CIUDAD_HIDALGO, 'F'}, {P_TAPACHULA, 'R'},
			{P_HUIXTLA, 'R'}, {P_ARRIAGA, 'R'}, {P_IXTEPEC, 'T'},
			{P_MATIAS_ROMERO, 'T'}, {P_MEDIAS_AGUAS, 'T'}, {P_TIERRA_BLANCA, 'T'},
			{P_ORIZABA, 'T'}, {P_LECHERIA, 'T'}}},
	{"pacific_bus", 6, {
			{P_TECUN_UMAN, 'R'}, {P_CIUDAD_HIDALGO, 'F'}, {P_TAPACHULA, 'R'},
			{P_TUXTLA, 'R'}, {P_PUEBLA, 'R'}, {P_CDMX, 'R'}}},
	{"gulf_train", 8, {
			{P_TENOSIQUE, 'R'}, {P_PALENQUE, 'T'}, {P_COATZACOALCOS, 'T'},
			{P_MEDIAS_AGUAS, 'T'}, {P_TIERRA_BLANCA, 'T'}, {P_ORIZABA, 'T'},
			{P_APIZACO, 'T'}, {P_LECHERIA, 'T'}}},
};

/* northern segments: from central Mexico (first hop is the join) to a border city */
static const Corridor north[N_NORTH] = {
	{"north_pacific", 9, {
			{P_HUEHUETOCA, 'T'}, {P_QUERETARO, 'T'}, {P_CELAYA, 'T'},
			{P_IRAPUATO, 'T'}, {P_GUADALAJARA, 'T'}, {P_MAZATLAN, 'T'},
			{P_CULIACAN, 'T'}, {P_HERMOSILLO, 'T'}, {-1, 'T'}}},
	{"north_east", 5, {
			{P_HUEHUETOCA, 'T'}, {P_QUERETARO, 'T'}, {P_SAN_LUIS_POTOSI, 'T'},
			{P_MONTERREY, 'T'}, {-1, 'R'}}},
	{"north_central", 5, {
			{P_QUERETARO, 'T'}, {P_SAN_LUIS_POTOSI, 'R'}, {P_TORREON, 'R'},
			{P_CHIHUAHUA, 'T'}, {-1, 'T'}}},
	{"north_gulf", 4, {
			{P_ACAYUCAN, 'R'}, {P_VERACRUZ, 'R'}, {P_TAMPICO, 'R'}, {-1, 'R'}}},
};
/* border cities reachable at the end of each northern segment (-1 above) */
static const int north_border[N_NORTH][4] = {
	{P_NOGALES_MX, P_MEXICALI, P_TIJUANA, -1},
	{P_NUEVO_LAREDO, P_REYNOSA, P_PIEDRAS_NEGRAS, P_CIUDAD_ACUNA},
	{P_CIUDAD_JUAREZ, P_OJINAGA, -1, -1},
	{P_REYNOSA, P_MATAMOROS, P_NUEVO_LAREDO, -1},
};

/* ------------------------------------------------------------ nationality */

/*
 * Nationality shares of the synthetic population (per mille).  Chosen to
 * resemble the mix of CBP Southwest-border encounters and INM
 * presentations in 2019-2023 (Mexico first; the northern Central American
 * countries; Venezuela, Cuba, Haiti, Nicaragua, Ecuador, Colombia rising
 * after 2021): an approximation for test data, not a calibration.
 */
typedef struct Nationality
{
	const char *iso3;
	const char *iso2;
	const char *en;				/* US records: upper-case English */
	const char *es;				/* Mexican records: upper-case Spanish */
	int			share;			/* per mille */
	int			smuggler;		/* P(smuggler use), per mille */
	int			origin[3];		/* origin places */
} Nationality;

enum
{
	N_MX, N_GT, N_HN, N_SV, N_NI, N_VE, N_CU, N_HT, N_EC, N_CO, N_NAT
};

static const Nationality nats[N_NAT] = {
	{"MEX", "MX", "MEXICO", "MÉXICO", 380, 450, {-1, -1, -1}},
	{"GTM", "GT", "GUATEMALA", "GUATEMALA", 150, 600, {P_GUATEMALA, P_HUEHUETENANGO, P_GUATEMALA}},
	{"HND", "HN", "HONDURAS", "HONDURAS", 140, 350, {P_TEGUCIGALPA, P_SAN_PEDRO_SULA, P_SAN_PEDRO_SULA}},
	{"SLV", "SV", "EL SALVADOR", "EL SALVADOR", 60, 500, {P_SAN_SALVADOR, P_SAN_SALVADOR, P_SAN_SALVADOR}},
	{"NIC", "NI", "NICARAGUA", "NICARAGUA", 40, 300, {P_MANAGUA, P_MANAGUA, P_MANAGUA}},
	{"VEN", "VE", "VENEZUELA", "VENEZUELA", 100, 150, {P_CARACAS, P_CARACAS, P_CARACAS}},
	{"CUB", "CU", "CUBA", "CUBA", 40, 350, {P_HAVANA, P_HAVANA, P_HAVANA}},
	{"HTI", "HT", "HAITI", "HAITÍ", 40, 250, {P_PORT_AU_PRINCE, P_PORT_AU_PRINCE, P_PORT_AU_PRINCE}},
	{"ECU", "EC", "ECUADOR", "ECUADOR", 30, 350, {P_QUITO, P_QUITO, P_QUITO}},
	{"COL", "CO", "COLOMBIA", "COLOMBIA", 20, 250, {P_BOGOTA, P_BOGOTA, P_BOGOTA}},
};

/*
 * Mexican states of origin of Mexican migrants (INEGI CVE_ENT, names from
 * the INEGI catalogue in ref/mx_catalogo_estados.json), with a home city
 * and a weight loosely following CONAPO's migration-intensity ranking
 * (Michoacan, Guanajuato, Jalisco, Oaxaca, Guerrero, Puebla ... first).
 */
typedef struct MxState
{
	const char *cve;
	const char *name;
	int			city;
	int			weight;
} MxState;

static const MxState mx_states[] = {
	{"16", "Michoacán", P_MORELIA, 120},
	{"11", "Guanajuato", P_LEON, 115},
	{"14", "Jalisco", P_GUADALAJARA, 100},
	{"20", "Oaxaca", P_OAXACA, 90},
	{"12", "Guerrero", P_CHILPANCINGO, 90},
	{"21", "Puebla", P_PUEBLA, 80},
	{"15", "México", P_TOLUCA, 70},
	{"30", "Veracruz", P_XALAPA, 65},
	{"07", "Chiapas", P_TUXTLA, 60},
	{"32", "Zacatecas", P_ZACATECAS, 50},
	{"13", "Hidalgo", P_PACHUCA, 45},
	{"24", "San Luis Potosí", P_SAN_LUIS_POTOSI, 40},
	{"09", "Ciudad de México", P_CDMX, 35},
	{"25", "Sinaloa", P_CULIACAN, 25},
	{"26", "Sonora", P_HERMOSILLO, 15},
};
#define N_MX_STATES ((int) (sizeof(mx_states) / sizeof(mx_states[0])))

/* ------------------------------------------------------------------ names */

/*
 * Weighted name lists.  Weights are relative frequencies.  The head of the
 * Hispanic surname list follows the published ranking of surnames in
 * Mexico (RENAPO/INEGI counts as reported in the press: Hernandez about
 * 4.5 %, Garcia 3.5 %, Martinez 3.2 %, Lopez 2.8 %, Gonzalez 2.5 % ...),
 * the rest is a long tail with Zipf-like weights; gen.c prints the
 * resulting expected top-10 share into params.csv and the test checks the
 * sample against it.  Given names: the common Mexican and Central
 * American given names (INEGI/RENAPO popularity lists; Central American
 * additions such as Wilmer, Selvin, Yoselin).  Mayan surnames of western
 * Guatemala and Haitian names are separate lists (domain.md 4.2).
 */
typedef struct WName
{
	const char *s;
	int			w;
} WName;

static const WName surnames_hisp[] = {
	{"Hernández", 450}, {"García", 350}, {"Martínez", 320}, {"López", 280},
	{"González", 250}, {"Pérez", 175}, {"Rodríguez", 170}, {"Sánchez", 165},
	{"Ramírez", 160}, {"Cruz", 110}, {"Flores", 105}, {"Gómez", 100},
	{"Morales", 90}, {"Vázquez", 90}, {"Reyes", 85}, {"Jiménez", 80},
	{"Torres", 80}, {"Díaz", 75}, {"Gutiérrez", 75}, {"Ruiz", 70},
	{"Mendoza", 70}, {"Aguilar", 70}, {"Ortiz", 65}, {"Moreno", 65},
	{"Castillo", 65}, {"Romero", 60}, {"Álvarez", 60}, {"Méndez", 55},
	{"Chávez", 55}, {"Rivera", 55}, {"Juárez", 55}, {"Ramos", 50},
	{"Domínguez", 50}, {"Herrera", 50}, {"Medina", 50}, {"Castro", 45},
	{"Vargas", 45}, {"Guzmán", 45}, {"Velázquez", 45}, {"Muñoz", 40},
	{"Rojas", 40}, {"de la Cruz", 40}, {"Contreras", 40}, {"Salazar", 40},
	{"Luna", 40}, {"Ortega", 40}, {"Santiago", 40}, {"Guerrero", 40},
	{"Estrada", 35}, {"Bautista", 35}, {"Cortés", 35}, {"Soto", 35},
	{"Alvarado", 35}, {"Espinoza", 35}, {"Lara", 35}, {"Ávila", 35},
	{"Ríos", 30}, {"Cervantes", 30}, {"Silva", 30}, {"Delgado", 30},
	{"Vega", 30}, {"Márquez", 30}, {"Sandoval", 30}, {"Fernández", 30},
	{"León", 30}, {"Carrillo", 30}, {"Mejía", 30}, {"Solís", 30},
	{"Núñez", 28}, {"Rosas", 28}, {"Huerta", 25}, {"Campos", 25},
	{"Ibarra", 25}, {"Valdez", 25}, {"Navarro", 25}, {"Pacheco", 25},
	{"Escobar", 22}, {"Robles", 22}, {"Zamora", 22}, {"Orozco", 22},
	/* tail: weight 0 = Zipf continuation computed in gen.c */
	{"Trejo", 0}, {"Acosta", 0}, {"Molina", 0}, {"Fuentes", 0}, {"Cabrera", 0},
	{"Nava", 0}, {"Tapia", 0}, {"Vásquez", 0}, {"Escamilla", 0}, {"Salinas", 0},
	{"Miranda", 0}, {"Pineda", 0}, {"Benítez", 0}, {"Rangel", 0}, {"Zúñiga", 0},
	{"Ayala", 0}, {"Osorio", 0}, {"Galván", 0}, {"Cárdenas", 0}, {"Peña", 0},
	{"Calderón", 0}, {"Serrano", 0}, {"Villanueva", 0}, {"Figueroa", 0}, {"Ponce", 0},
	{"Rosales", 0}, {"Marín", 0}, {"Santos", 0}, {"Barrera", 0}, {"Mora", 0},
	{"Arellano", 0}, {"Becerra", 0}, {"Meza", 0}, {"Valencia", 0}, {"Villegas", 0},
	{"Duarte", 0}, {"Quintero", 0}, {"Correa", 0}, {"Maldonado", 0}, {"Olvera", 0},
	{"Gallegos", 0}, {"Lozano", 0}, {"Montes", 0}, {"Paredes", 0}, {"Suárez", 0},
	{"Salas", 0}, {"Ochoa", 0}, {"Rocha", 0}, {"Córdova", 0}, {"Franco", 0},
	{"Beltrán", 0}, {"Cisneros", 0}, {"Mata", 0}, {"Bravo", 0}, {"Palacios", 0},
	{"Cuevas", 0}, {"Camacho", 0}, {"Aguirre", 0}, {"Avendaño", 0}, {"Barrios", 0},
	{"Bermúdez", 0}, {"Carmona", 0}, {"Carranza", 0}, {"Cedillo", 0}, {"Cervera", 0},
	{"Chacón", 0}, {"Cordero", 0}, {"Corona", 0}, {"Dávila", 0}, {"Escalante", 0},
	{"Esquivel", 0}, {"Farías", 0}, {"Gallardo", 0}, {"Gálvez", 0}, {"Garza", 0},
	{"Godínez", 0}, {"Granados", 0}, {"Hidalgo", 0}, {"Jaramillo", 0}, {"Lira", 0},
	{"Lugo", 0}, {"Macías", 0}, {"Madrigal", 0}, {"Manzano", 0}, {"Medrano", 0},
	{"Mercado", 0}, {"Montoya", 0}, {"Munguía", 0}, {"Narváez", 0}, {"Olivares", 0},
	{"Olmos", 0}, {"Pastrana", 0}, {"Pedraza", 0}, {"Quiroz", 0}, {"Ramón", 0},
	{"Rendón", 0}, {"Rivas", 0}, {"Saavedra", 0}, {"Sáenz", 0}, {"Solano", 0},
	{"Sosa", 0}, {"Tovar", 0}, {"Trujillo", 0}, {"Uribe", 0}, {"Valle", 0},
	{"Velasco", 0}, {"Vera", 0}, {"Villa", 0}, {"Villalobos", 0}, {"Zapata", 0},
	{"Zavala", 0}, {"Acevedo", 0}, {"Alcántara", 0}, {"Almaraz", 0}, {"Amador", 0},
	{"Andrade", 0}, {"Anaya", 0}, {"Aranda", 0}, {"Arias", 0}, {"Arroyo", 0},
	{"Baltazar", 0}, {"Barajas", 0}, {"Barragán", 0}, {"Bello", 0}, {"Blanco", 0},
	{"Bonilla", 0}, {"Bustamante", 0}, {"Cadena", 0}, {"Calvillo", 0}, {"Cano", 0},
	{"Carbajal", 0}, {"Casas", 0}, {"Castañeda", 0}, {"Cazares", 0}, {"Ceballos", 0},
	{"Chavarría", 0}, {"Colín", 0}, {"Coronado", 0}, {"Cuéllar", 0}, {"Curiel", 0},
	{"de Jesús", 0}, {"de León", 0}, {"del Ángel", 0}, {"Díaz de León", 0}, {"Enríquez", 0},
	{"Espinosa", 0}, {"Esparza", 0}, {"Félix", 0}, {"Gamboa", 0}, {"Gaona", 0},
	{"Garrido", 0}, {"Gil", 0}, {"Guevara", 0}, {"Hinojosa", 0}, {"Huitrón", 0},
	{"Iglesias", 0}, {"Islas", 0}, {"Jacobo", 0}, {"Jáuregui", 0}, {"Ledesma", 0},
	{"Leyva", 0}, {"Limón", 0}, {"Loera", 0}, {"Lucero", 0}, {"Magaña", 0},
	{"Mancilla", 0}, {"Marroquín", 0}, {"Mateo", 0}, {"Melgar", 0}, {"Mireles", 0},
	{"Moctezuma", 0}, {"Monroy", 0}, {"Montaño", 0}, {"Montiel", 0}, {"Murillo", 0},
	{"Nieto", 0}, {"Noriega", 0}, {"Ocampo", 0}, {"Olguín", 0}, {"Ordóñez", 0},
	{"Orellana", 0}, {"Padilla", 0}, {"Palma", 0}, {"Parra", 0}, {"Patiño", 0},
	{"Perales", 0}, {"Piña", 0}, {"Ponce de León", 0}, {"Portillo", 0}, {"Prado", 0},
	{"Quezada", 0}, {"Quintana", 0}, {"Rentería", 0}, {"Reséndiz", 0}, {"Rosario", 0},
	{"Rivero", 0}, {"Robledo", 0}, {"Roque", 0}, {"Ruelas", 0}, {"Sarmiento", 0},
	{"Sauceda", 0}, {"Segura", 0}, {"Sepúlveda", 0}, {"Sierra", 0}, {"Tamayo", 0},
	{"Tello", 0}, {"Toledo", 0}, {"Toscano", 0}, {"Urbina", 0}, {"Urquiza", 0},
	{"Valadez", 0}, {"Valenzuela", 0}, {"Vallejo", 0}, {"Varela", 0}, {"Vela", 0},
	{"Villalba", 0}, {"Villarreal", 0}, {"Yáñez", 0}, {"Zaragoza", 0}, {"Zarate", 0},
	{"Zepeda", 0}, {"Xolalpa", 0}, {"Xicoténcatl", 0}, {"Ballesteros", 0}, {"Llamas", 0},
	{"Yllescas", 0}, {"Hurtado", 0}, {"Holguín", 0}, {"Betancourt", 0}, {"Bolaños", 0},
	{"Zelaya", 0}, {"Matute", 0}, {"Paz", 0}, {"Amaya", 0}, {"Argueta", 0},
	{"Alfaro", 0}, {"Funes", 0}, {"Chinchilla", 0}, {"Banegas", 0}, {"Maradiaga", 0},
	{"Lagos", 0}, {"Bustillo", 0}, {"Cubas", 0}, {"Osegueda", 0}, {"Lainez", 0},
	{"Abarca", 0}, {"Abrego", 0}, {"Acuña", 0}, {"Adame", 0}, {"Agüero", 0},
	{"Alanís", 0}, {"Alarcón", 0}, {"Alba", 0}, {"Albarrán", 0}, {"Alcalá", 0},
	{"Alcaraz", 0}, {"Aldana", 0}, {"Alejo", 0}, {"Alemán", 0}, {"Almanza", 0},
	{"Almeida", 0}, {"Alonso", 0}, {"Altamirano", 0}, {"Amaro", 0}, {"Angulo", 0},
	{"Antonio", 0}, {"Aparicio", 0}, {"Aragón", 0}, {"Arana", 0}, {"Arce", 0},
	{"Arciniega", 0}, {"Arenas", 0}, {"Arévalo", 0}, {"Argüello", 0}, {"Armenta", 0},
	{"Arreola", 0}, {"Arriaga", 0}, {"Arteaga", 0}, {"Atilano", 0}, {"Avilés", 0},
	{"Ayón", 0}, {"Báez", 0}, {"Balderas", 0}, {"Barba", 0}, {"Barcenas", 0},
	{"Barreto", 0}, {"Barrón", 0}, {"Basurto", 0}, {"Batres", 0}, {"Bazán", 0},
	{"Bejarano", 0}, {"Benavides", 0}, {"Benavídez", 0}, {"Bernal", 0}, {"Blas", 0},
	{"Bocanegra", 0}, {"Borja", 0}, {"Borrego", 0}, {"Briones", 0}, {"Brito", 0},
	{"Bueno", 0}, {"Burgos", 0}, {"Bustos", 0}, {"Caballero", 0}, {"Cabello", 0},
	{"Cabral", 0}, {"Cadenas", 0}, {"Calixto", 0}, {"Calleja", 0}, {"Camarillo", 0},
	{"Canales", 0}, {"Candelario", 0}, {"Cantú", 0}, {"Cárcamo", 0}, {"Carrasco", 0},
	{"Carreón", 0}, {"Carrera", 0}, {"Casillas", 0}, {"Castañón", 0}, {"Castellanos", 0},
	{"Cavazos", 0}, {"Celis", 0}, {"Cepeda", 0}, {"Chan", 0}, {"Chi", 0},
	{"Cobos", 0}, {"Colunga", 0}, {"Cornejo", 0}, {"Coria", 0}, {"Cortez", 0},
	{"Cota", 0}, {"Covarrubias", 0}, {"Crespo", 0}, {"Cuadra", 0}, {"Cuenca", 0},
	{"Dávalos", 0}, {"Delfín", 0}, {"Durán", 0}, {"Echeverría", 0}, {"Elizondo", 0},
	{"Enciso", 0}, {"Escalera", 0}, {"Escobedo", 0}, {"Espino", 0}, {"Esquer", 0},
	{"Estévez", 0}, {"Fajardo", 0}, {"Feliciano", 0}, {"Fierro", 0}, {"Flórez", 0},
	{"Frausto", 0}, {"Frías", 0}, {"Gaitán", 0}, {"Galindo", 0}, {"Gallo", 0},
	{"Gamez", 0}, {"Garay", 0}, {"Garcés", 0}, {"Garibay", 0}, {"Gaytán", 0},
	{"Girón", 0}, {"Gollaz", 0}, {"Grajales", 0}, {"Guardado", 0}, {"Guerra", 0},
	{"Guillén", 0}, {"Gurrola", 0}, {"Haro", 0}, {"Hermosillo", 0}, {"Heredia", 0},
	{"Hernándes", 0}, {"Herrero", 0}, {"Higuera", 0}, {"Hoyos", 0}, {"Ibáñez", 0},
	{"Inda", 0}, {"Iñiguez", 0}, {"Izaguirre", 0}, {"Jaimes", 0}, {"Jasso", 0},
	{"Jovel", 0}, {"Lazo", 0}, {"Leal", 0}, {"Ledezma", 0}, {"Linares", 0},
	{"Llanos", 0}, {"Loaiza", 0}, {"Lomelí", 0}, {"Longoria", 0}, {"Loya", 0},
	{"Lucio", 0}, {"Luévano", 0}, {"Madero", 0}, {"Maya", 0}, {"Manríquez", 0},
	{"Manzo", 0}, {"Marcial", 0}, {"Mares", 0}, {"Mariscal", 0}, {"Martell", 0},
	{"Mayorga", 0}, {"Medellín", 0}, {"Meléndez", 0}, {"Melo", 0}, {"Mena", 0},
	{"Mendiola", 0}, {"Merino", 0}, {"Mesa", 0}, {"Millán", 0}, {"Mojica", 0},
	{"Monge", 0}, {"Montalvo", 0}, {"Montero", 0}, {"Montenegro", 0}, {"Monzón", 0},
	{"Morán", 0}, {"Moya", 0}, {"Mújica", 0}, {"Murguía", 0}, {"Nájera", 0},
	{"Naranjo", 0}, {"Neri", 0}, {"Nolasco", 0}, {"Novoa", 0}, {"Ojeda", 0},
	{"Olivas", 0}, {"Olmedo", 0}, {"Oropeza", 0}, {"Orta", 0}, {"Osuna", 0},
	{"Ovalle", 0}, {"Oviedo", 0}, {"Páez", 0}, {"Palomino", 0}, {"Pantoja", 0},
	{"Pardo", 0}, {"Partida", 0}, {"Pascual", 0}, {"Pavón", 0}, {"Pedroza", 0},
	{"Peralta", 0}, {"Perea", 0}, {"Pichardo", 0}, {"Pimentel", 0}, {"Pinto", 0},
	{"Plascencia", 0}, {"Polanco", 0}, {"Porras", 0}, {"Posadas", 0}, {"Preciado", 0},
	{"Puente", 0}, {"Quevedo", 0}, {"Quiñones", 0}, {"Quiroga", 0}, {"Rábago", 0},
	{"Rael", 0}, {"Rameño", 0}, {"Rascón", 0}, {"Real", 0}, {"Rebollar", 0},
	{"Regalado", 0}, {"Requena", 0}, {"Retana", 0}, {"Reynoso", 0}, {"Rico", 0},
	{"Rincón", 0}, {"Riojas", 0}, {"Roldán", 0}, {"Román", 0}, {"Romo", 0},
	{"Rubio", 0}, {"Saldaña", 0}, {"Salgado", 0}, {"Salvador", 0}, {"Samaniego", 0},
	{"Sanabria", 0}, {"Santana", 0}, {"Santillán", 0}, {"Santoyo", 0}, {"Sarabia", 0},
	{"Saucedo", 0}, {"Segovia", 0}, {"Serna", 0}, {"Sevilla", 0}, {"Sifuentes", 0},
	{"Solórzano", 0}, {"Sotelo", 0}, {"Suazo", 0}, {"Tafoya", 0}, {"Tejeda", 0},
	{"Terán", 0}, {"Tinoco", 0}, {"Tirado", 0}, {"Tobar", 0}, {"Tolentino", 0},
	{"Treviño", 0}, {"Trinidad", 0}, {"Ulloa", 0}, {"Urías", 0}, {"Urrutia", 0},
	{"Valdés", 0}, {"Valdivia", 0}, {"Valverde", 0}, {"Vanegas", 0}, {"Vaquera", 0},
	{"Vasco", 0}, {"Velarde", 0}, {"Venegas", 0}, {"Verdugo", 0}, {"Viera", 0},
	{"Villalpando", 0}, {"Villaseñor", 0}, {"Villela", 0}, {"Ybarra", 0}, {"Zacarías", 0},
	{"Zambrano", 0}, {"Zamudio", 0}, {"Zarco", 0}, {"Zavaleta", 0}, {"Zermeño", 0},
	{"Zubieta", 0}, {"Zurita", 0},
};
#define N_SURNAMES_HISP ((int) (sizeof(surnames_hisp) / sizeof(surnames_hisp[0])))

/* Mayan surnames of western Guatemala (drawn for a share of Guatemalans) */
static const WName surnames_maya[] = {
	{"Xol", 30}, {"Cux", 25}, {"Tzoc", 20}, {"Coc", 25}, {"Ixcoy", 15},
	{"Caal", 30}, {"Choc", 30}, {"Pop", 25}, {"Tiul", 15}, {"Cuc", 20},
	{"Ajú", 10}, {"Tzul", 15}, {"Chún", 10}, {"Quej", 10}, {"Batz", 10},
	{"Chiquín", 10}, {"Xitumul", 8}, {"Ixcot", 8}, {"Tojín", 8}, {"Yat", 8},
};
#define N_SURNAMES_MAYA ((int) (sizeof(surnames_maya) / sizeof(surnames_maya[0])))

static const WName surnames_haiti[] = {
	{"Joseph", 60}, {"Jean", 55}, {"Pierre", 50}, {"Louis", 40}, {"Charles", 35},
	{"Jean-Baptiste", 30}, {"Michel", 25}, {"Paul", 25}, {"François", 20},
	{"Desir", 15}, {"Etienne", 15}, {"Saint-Fleur", 12}, {"Dorvil", 10},
	{"Alexis", 12}, {"Augustin", 10}, {"Noel", 12}, {"Toussaint", 10},
	{"Célestin", 8}, {"Exantus", 6}, {"Metellus", 6},
};
#define N_SURNAMES_HAITI ((int) (sizeof(surnames_haiti) / sizeof(surnames_haiti[0])))

static const WName given_m[] = {
	{"José", 120}, {"Juan", 100}, {"Luis", 70}, {"Carlos", 60}, {"Jesús", 55},
	{"Miguel", 50}, {"Francisco", 50}, {"Antonio", 45}, {"Alejandro", 40},
	{"Pedro", 35}, {"Jorge", 35}, {"Manuel", 35}, {"Ángel", 30}, {"Roberto", 30},
	{"Fernando", 30}, {"Ricardo", 25}, {"Eduardo", 25}, {"David", 25},
	{"Daniel", 25}, {"Javier", 25}, {"Mario", 22}, {"Raúl", 20}, {"Sergio", 20},
	{"Óscar", 20}, {"Rafael", 18}, {"Víctor", 18}, {"Héctor", 18}, {"Arturo", 15},
	{"Alberto", 15}, {"Martín", 15}, {"Enrique", 15}, {"Guillermo", 12},
	{"Pablo", 12}, {"Hugo", 12}, {"Gerardo", 12}, {"Rubén", 12}, {"Andrés", 12},
	{"Édgar", 12}, {"Iván", 10}, {"Julio", 10}, {"Ramón", 10}, {"Alfredo", 10},
	{"Gustavo", 10}, {"Salvador", 10}, {"Ignacio", 8}, {"Rodrigo", 8},
	{"Cristian", 10}, {"Kevin", 10}, {"Brayan", 10}, {"Wilmer", 10},
	{"Elmer", 8}, {"Nelson", 8}, {"Selvin", 8}, {"Erick", 8}, {"Yeferson", 6},
	{"Anderson", 6}, {"Jonathan", 8}, {"Henry", 6}, {"Óliver", 5}, {"Walter", 6},
	{"Byron", 5}, {"Marvin", 6}, {"Josué", 6}, {"Yovani", 4}, {"Gilberto", 5},
};
#define N_GIVEN_M ((int) (sizeof(given_m) / sizeof(given_m[0])))

static const WName given_f[] = {
	{"María", 200}, {"Guadalupe", 60}, {"Ana", 50}, {"Rosa", 40}, {"Juana", 35},
	{"Margarita", 30}, {"Verónica", 25}, {"Patricia", 25}, {"Leticia", 22},
	{"Elizabeth", 22}, {"Alejandra", 22}, {"Laura", 20}, {"Gabriela", 20},
	{"Adriana", 20}, {"Silvia", 18}, {"Martha", 18}, {"Claudia", 18},
	{"Yolanda", 15}, {"Sandra", 15}, {"Carmen", 15}, {"Isabel", 15},
	{"Teresa", 15}, {"Fernanda", 15}, {"Daniela", 15}, {"Karla", 12},
	{"Andrea", 12}, {"Mariana", 12}, {"Paola", 12}, {"Jessica", 12},
	{"Yesenia", 10}, {"Brenda", 10}, {"Dulce", 10}, {"Lucía", 10}, {"Sofía", 10},
	{"Valeria", 10}, {"Ximena", 8}, {"Karen", 10}, {"Wendy", 8}, {"Heidi", 6},
	{"Yadira", 6}, {"Glenda", 6}, {"Dania", 6}, {"Keyla", 6}, {"Sulma", 5},
	{"Yoselin", 6}, {"Cecilia", 10}, {"Silvana", 4}, {"Esperanza", 6},
	{"Concepción", 6}, {"Rocío", 8}, {"Beatriz", 8}, {"Xóchitl", 4},
	{"Hilda", 5}, {"Evelyn", 6}, {"Yuliana", 5},
};
#define N_GIVEN_F ((int) (sizeof(given_f) / sizeof(given_f[0])))

/* second given names of compound names */
static const WName given2_m[] = {
	{"Luis", 40}, {"Antonio", 35}, {"Manuel", 30}, {"Carlos", 25},
	{"Ángel", 25}, {"de Jesús", 20}, {"Javier", 20}, {"Alberto", 15},
	{"Fernando", 15}, {"Miguel", 15}, {"Francisco", 12}, {"Guadalupe", 8},
	{"Armando", 8}, {"José", 10}, {"Enrique", 8}, {"Alfredo", 6},
};
#define N_GIVEN2_M ((int) (sizeof(given2_m) / sizeof(given2_m[0])))

static const WName given2_f[] = {
	{"Guadalupe", 50}, {"Fernanda", 20}, {"del Carmen", 25},
	{"de Jesús", 20}, {"de la Luz", 15}, {"Isabel", 20}, {"Elena", 15},
	{"Esther", 10}, {"Teresa", 12}, {"Concepción", 8}, {"Alejandra", 12},
	{"de los Ángeles", 12}, {"Yolanda", 8}, {"Beatriz", 8}, {"Lucía", 8},
};
#define N_GIVEN2_F ((int) (sizeof(given2_f) / sizeof(given2_f[0])))

static const WName haiti_m[] = {
	{"Jean", 60}, {"Pierre", 30}, {"Joseph", 30}, {"Wilson", 15}, {"Jean-Claude", 15},
	{"Jacques", 15}, {"Emmanuel", 15}, {"Stanley", 10}, {"Frantz", 10},
	{"Ricardo", 10}, {"Jonas", 8}, {"Wisly", 6}, {"Makenson", 6}, {"Junior", 8},
};
#define N_HAITI_M ((int) (sizeof(haiti_m) / sizeof(haiti_m[0])))

static const WName haiti_f[] = {
	{"Marie", 60}, {"Nadège", 15}, {"Fabienne", 12}, {"Roseline", 10},
	{"Mirlande", 10}, {"Guerline", 10}, {"Darline", 10}, {"Sandra", 8},
	{"Marie-Claude", 12}, {"Esther", 8}, {"Wideline", 6}, {"Judith", 6},
};
#define N_HAITI_F ((int) (sizeof(haiti_f) / sizeof(haiti_f[0])))

/* INEGI state names by CVE_ENT (ref/mx_catalogo_estados.json) */
static const char *const mx_ent_name[33] = {
	"", "Aguascalientes", "Baja California", "Baja California Sur", "Campeche",
	"Coahuila", "Colima", "Chiapas", "Chihuahua", "Ciudad de México", "Durango",
	"Guanajuato", "Guerrero", "Hidalgo", "Jalisco", "México", "Michoacán",
	"Morelos", "Nayarit", "Nuevo León", "Oaxaca", "Puebla", "Querétaro",
	"Quintana Roo", "San Luis Potosí", "Sinaloa", "Sonora", "Tabasco",
	"Tamaulipas", "Tlaxcala", "Veracruz", "Yucatán", "Zacatecas"
};
