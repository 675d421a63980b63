/**
 * A few large or well-known places per state, most populous first (the generator weights them
 * roughly by rank). Consumers type their city freely; a handful of real names per state is enough
 * for city counts to look plausible without pretending to a gazetteer. ASCII only, as in the FTC's
 * files; no name contains a comma, so none needs quoting.
 */
const CITY_LIST: Record<string, string> = {
  AL: 'Birmingham|Huntsville|Montgomery|Mobile|Tuscaloosa|Hoover|Dothan',
  AK: 'Anchorage|Fairbanks|Juneau|Wasilla|Sitka',
  AZ: 'Phoenix|Tucson|Mesa|Chandler|Scottsdale|Glendale|Gilbert|Tempe',
  AR: 'Little Rock|Fayetteville|Fort Smith|Springdale|Jonesboro|Conway',
  CA: 'Los Angeles|San Diego|San Jose|San Francisco|Fresno|Sacramento|Long Beach|Oakland|Riverside|Irvine|San Pedro',
  CO: 'Denver|Colorado Springs|Aurora|Fort Collins|Lakewood|Boulder',
  CT: 'Bridgeport|New Haven|Stamford|Hartford|Waterbury|Norwalk',
  DE: 'Wilmington|Dover|Newark|Middletown|Bear',
  DC: 'Washington',
  FL: 'Jacksonville|Miami|Tampa|Orlando|St. Petersburg|Hialeah|Tallahassee|Fort Lauderdale|Cape Coral',
  GA: 'Atlanta|Columbus|Augusta|Savannah|Athens|Marietta|Macon|Decatur',
  HI: 'Honolulu|Hilo|Kailua|Pearl City|Kahului',
  ID: "Boise|Meridian|Nampa|Idaho Falls|Pocatello|Coeur d'Alene",
  IL: 'Chicago|Aurora|Naperville|Joliet|Rockford|Springfield|Peoria|Belleville',
  IN: 'Indianapolis|Fort Wayne|Evansville|South Bend|Carmel|Bloomington',
  IA: 'Des Moines|Cedar Rapids|Davenport|Sioux City|Iowa City|Ames',
  KS: 'Wichita|Overland Park|Kansas City|Olathe|Topeka|Lawrence',
  KY: 'Louisville|Lexington|Bowling Green|Owensboro|Covington|Ashland',
  LA: 'New Orleans|Baton Rouge|Shreveport|Lafayette|Lake Charles|Metairie',
  ME: 'Portland|Lewiston|Bangor|South Portland|Auburn',
  MD: 'Baltimore|Columbia|Germantown|Silver Spring|Frederick|Annapolis|Leonardtown',
  MA: 'Boston|Worcester|Springfield|Cambridge|Lowell|Brockton|Quincy',
  MI: 'Detroit|Grand Rapids|Warren|Sterling Heights|Ann Arbor|Lansing|Flint',
  MN: 'Minneapolis|Saint Paul|Rochester|Duluth|Bloomington|Saint Cloud|Winona',
  MS: 'Jackson|Gulfport|Southaven|Hattiesburg|Biloxi|Tupelo',
  MO: "Kansas City|St. Louis|Springfield|Columbia|Independence|Lee's Summit",
  MT: 'Billings|Missoula|Great Falls|Bozeman|Butte|Helena',
  NE: 'Omaha|Lincoln|Bellevue|Grand Island|Kearney',
  NV: 'Las Vegas|Henderson|Reno|North Las Vegas|Sparks|Carson City',
  NH: 'Manchester|Nashua|Concord|Dover|Rochester|Lyman',
  NJ: 'Newark|Jersey City|Paterson|Elizabeth|Edison|Trenton|Clifton|Cliffside Park',
  NM: 'Albuquerque|Las Cruces|Rio Rancho|Santa Fe|Roswell',
  NY: 'New York|Brooklyn|Bronx|Buffalo|Rochester|Yonkers|Syracuse|Albany|Staten Island',
  NC: 'Charlotte|Raleigh|Greensboro|Durham|Winston-Salem|Fayetteville|Cary',
  ND: 'Fargo|Bismarck|Grand Forks|Minot|West Fargo',
  OH: 'Columbus|Cleveland|Cincinnati|Toledo|Akron|Dayton|Canton',
  OK: 'Oklahoma City|Tulsa|Norman|Broken Arrow|Edmond|Lawton',
  OR: 'Portland|Salem|Eugene|Gresham|Hillsboro|Beaverton|Bend',
  PA: 'Philadelphia|Pittsburgh|Allentown|Erie|Reading|Scranton|Drexel Hill|Lancaster',
  RI: 'Providence|Warwick|Cranston|Pawtucket|East Providence',
  SC: 'Charleston|Columbia|North Charleston|Mount Pleasant|Rock Hill|Greenville',
  SD: 'Sioux Falls|Rapid City|Aberdeen|Brookings|Watertown',
  TN: 'Nashville|Memphis|Knoxville|Chattanooga|Clarksville|Murfreesboro',
  TX: 'Houston|San Antonio|Dallas|Austin|Fort Worth|El Paso|Arlington|Plano|Pearland',
  UT: 'Salt Lake City|West Valley City|Provo|West Jordan|Orem|Sandy',
  VT: 'Burlington|South Burlington|Rutland|Essex Junction|Barre',
  VA: 'Virginia Beach|Norfolk|Chesapeake|Richmond|Arlington|Newport News|Alexandria',
  WA: 'Seattle|Spokane|Tacoma|Vancouver|Bellevue|Kent|Everett',
  WV: 'Charleston|Huntington|Morgantown|Parkersburg|Wheeling',
  WI: 'Milwaukee|Madison|Green Bay|Kenosha|Racine|Appleton',
  WY: 'Cheyenne|Casper|Laramie|Gillette|Rock Springs',
  PR: 'San Juan|Bayamon|Carolina|Ponce|Caguas|Mayaguez',
  VI: 'Charlotte Amalie|Christiansted|Frederiksted',
  GU: 'Dededo|Yigo|Tamuning|Hagatna',
  AS: 'Pago Pago|Tafuna',
  MP: 'Saipan|Tinian|Rota',
};

/** City names for a USPS code, most populous first; empty when the state has no list. */
export function citiesFor(usps: string): string[] {
  const list = CITY_LIST[usps];
  return list === undefined ? [] : list.split('|');
}
