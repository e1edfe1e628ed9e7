import { nhsCheckDigit } from '../patients/nhs-number.ts';
import type { Random } from './random.ts';

// Invented names, streets and practices. Phone numbers come from Ofcom's ranges reserved for
// drama (01632 960xxx, 07700 900xxx); NHS numbers from the 999 test range. Nothing is real.
export const GIVEN_NAMES = [
  'Amelia',
  'Oliver',
  'Isla',
  'George',
  'Ava',
  'Noah',
  'Mia',
  'Arthur',
  'Ivy',
  'Leo',
  'Freya',
  'Harry',
  'Grace',
  'Oscar',
  'Poppy',
  'Jack',
  'Evie',
  'Alfie',
  'Ruby',
  'Thomas',
  'Sophia',
  'William',
  'Daisy',
  'Henry',
  'Lily',
  'Joshua',
  'Rosie',
  'Samuel',
  'Florence',
  'Mohammed',
  'Aisha',
  'Priya',
  'Arjun',
  'Zofia',
  'Tomasz',
  'Chloe',
  'Ethan',
  'Megan',
  'Rhys',
  'Eleanor',
] as const;
export const FAMILY_NAMES = [
  'Ashdown',
  'Bramley',
  'Cotterill',
  'Dunmore',
  'Ellery',
  'Fairbairn',
  'Gosling',
  'Hartwell',
  'Ingleby',
  'Jessop',
  'Kendrick',
  'Lockwood',
  'Marlow',
  'Nettleton',
  'Oakley',
  'Pemberton',
  'Quarrie',
  'Rowntree',
  'Sefton',
  'Thackray',
  'Underwood',
  'Varley',
  'Whitlock',
  'Yardley',
  'Ahmed',
  'Begum',
  'Kowalski',
  'Nowak',
  'Okafor',
  'Patel',
  'Singh',
  'Chen',
  'Evans',
  'Hughes',
  'Morgan',
  'Price',
  'Turner',
  'Walsh',
  'Fletcher',
  'Griffiths',
] as const;
const STREETS = [
  'Orchard Way',
  'Mill Lane',
  'Church Street',
  'Severn Road',
  'Malvern View',
  'Hop Pole Close',
  'Station Road',
  'Elm Grove',
  'Canal Walk',
  'Foregate Row',
  'Blackpole Lane',
  'Lickey Rise',
] as const;
const TOWNS = [
  { town: 'Worcester', area: 'WR' },
  { town: 'Kidderminster', area: 'DY' },
  { town: 'Redditch', area: 'B' },
  { town: 'Bromsgrove', area: 'B' },
  { town: 'Droitwich', area: 'WR' },
  { town: 'Evesham', area: 'WR' },
] as const;
const PRACTICES = [
  'Severn Valley Medical Practice',
  'Orchard Surgery',
  'Hopfield Health Centre',
  'Canalside Family Practice',
  'Abbey Lane Surgery',
  'Lickey Hills Medical Centre',
] as const;

/**
 * Valid NHS numbers of the test range 999 000 0000 – 999 999 9999, in order from `start`
 * (skipping the stems whose check digit would be 10, which are never issued).
 */
export function* testRangeNhsNumbers(start = 0): Generator<string> {
  for (let i = start; i < 1_000_000; i++) {
    const nine = `999${String(i).padStart(6, '0')}`;
    const check = nhsCheckDigit(nine);
    if (check !== undefined) yield `${nine}${check}`;
  }
}

/** A synthetic address in the Trust's catchment. */
export function syntheticAddress(random: Random) {
  const place = random.pick(TOWNS);
  const letters = 'ABDEFGHJLNPQRSTUWXYZ';
  const inward = `${random.int(1, 9)}${letters[random.int(0, letters.length - 1)]}${letters[random.int(0, letters.length - 1)]}`;
  return {
    line1: `${random.int(1, 180)} ${random.pick(STREETS)}`,
    town: place.town,
    postcode: `${place.area}${random.int(1, 15)} ${inward}`,
  };
}

/** A synthetic phone number from Ofcom's drama ranges. */
export function syntheticPhone(random: Random): string {
  return random.chance(0.6)
    ? `07700 900${String(random.int(0, 999)).padStart(3, '0')}`
    : `01632 960${String(random.int(0, 999)).padStart(3, '0')}`;
}

export function syntheticPractice(random: Random): string {
  return random.pick(PRACTICES);
}
