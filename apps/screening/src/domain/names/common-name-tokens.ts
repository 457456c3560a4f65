/**
 * The frequency table behind token rarity: name tokens so common in some population that a match
 * on them alone says little about who a person is. It is compiled by hand from the top of
 * widely published frequency rankings (national statistics of given names and surnames), a few
 * dozen per naming culture, written in the Latin forms the screen compares (a token's
 * transliteration skeleton and, for Korean, its romanisation key are looked up too, so
 * Mohammed / Muhammad / Mohamad or Chol / Chul / Cheol need one entry each). It is a list of what
 * is common among people, not among listed people: names common on the sanctions list itself are
 * found from the list (see `TokenRarity`). Nothing here was chosen from a benchmark's rows.
 *
 * Russian patronymics (-ovich, -evich, -ovna, -evna, -ich, -ichna) are formed from given names and
 * are common by construction; `isPatronymic` recognises them instead of listing them.
 */
const GROUPS: Record<string, readonly string[]> = {
  /** Russian and Ukrainian given names (the most frequent male and female names of recent decades). */
  russianGiven: [
    'aleksandr', 'alexander', 'alexandr', 'sasha', 'aleksei', 'aleksey', 'alexei', 'alexey', 'anatoly', 'anatoliy', 'andrei', 'andrey',
    'anton', 'artem', 'artyom', 'boris', 'daniil', 'denis', 'dmitry', 'dmitri', 'dmitriy', 'evgeny', 'evgeniy', 'yevgeny', 'fedor',
    'fyodor', 'gennady', 'georgy', 'grigory', 'igor', 'ilya', 'ivan', 'kirill', 'konstantin', 'leonid', 'maksim', 'maxim', 'mikhail',
    'nikita', 'nikolai', 'nikolay', 'oleg', 'pavel', 'petr', 'pyotr', 'roman', 'ruslan', 'sergei', 'sergey', 'stanislav', 'stepan',
    'timur', 'vadim', 'valentin', 'valery', 'valeriy', 'vasily', 'vasiliy', 'viktor', 'vitaly', 'vitaliy', 'vladimir', 'vladislav',
    'vyacheslav', 'yaroslav', 'yuri', 'yury', 'egor', 'yegor', 'matvei', 'arseny', 'mark', 'lev', 'semyon', 'semen', 'timofei',
    'anna', 'anastasia', 'alina', 'alla', 'daria', 'darya', 'ekaterina', 'yekaterina', 'elena', 'yelena', 'galina', 'irina',
    'kristina', 'ksenia', 'lyudmila', 'ludmila', 'maria', 'mariya', 'marina', 'natalia', 'natalya', 'nadezhda', 'nina', 'olga',
    'polina', 'svetlana', 'tatiana', 'tatyana', 'valentina', 'vera', 'victoria', 'viktoria', 'yulia', 'yuliya', 'zoya', 'sofia',
    'oksana', 'larisa', 'lyubov', 'tamara', 'elizaveta', 'veronika', 'alyona', 'yana', 'evgenia', 'inna', 'raisa',
  ],
  /** The most frequent Russian surnames. */
  russianFamily: [
    'ivanov', 'ivanova', 'smirnov', 'smirnova', 'kuznetsov', 'kuznetsova', 'popov', 'popova', 'vasiliev', 'vasilyev', 'petrov',
    'petrova', 'sokolov', 'sokolova', 'mikhailov', 'mikhaylov', 'novikov', 'novikova', 'fedorov', 'fyodorov', 'morozov', 'morozova',
    'volkov', 'volkova', 'alekseev', 'lebedev', 'semenov', 'egorov', 'pavlov', 'kozlov', 'stepanov', 'nikolaev', 'orlov', 'andreev',
    'makarov', 'nikitin', 'zakharov', 'zaitsev', 'solovyov', 'borisov', 'romanov', 'vorobyov', 'frolov', 'kovalev', 'kovalenko',
    'shevchenko', 'bondarenko', 'melnik', 'kravchenko', 'tkachenko',
  ],
  /** Korean surnames (Kim, Lee/Ri/Yi, Park/Pak, Choi/Choe ... cover most of the population, North and South). */
  koreanFamily: [
    'kim', 'gim', 'lee', 'ri', 'yi', 'rhee', 'li', 'park', 'pak', 'bak', 'choi', 'choe', 'jeong', 'jung', 'chung', 'chong', 'jong',
    'kang', 'gang', 'cho', 'jo', 'yoon', 'yun', 'jang', 'chang', 'lim', 'im', 'rim', 'han', 'oh', 'o', 'seo', 'so', 'shin', 'sin',
    'kwon', 'gwon', 'hwang', 'ahn', 'an', 'song', 'jeon', 'jon', 'chon', 'hong', 'ko', 'go', 'moon', 'mun', 'yang', 'son', 'bae',
    'pae', 'paek', 'baek', 'heo', 'ho', 'nam', 'noh', 'no', 'ryu', 'yu', 'ha', 'cha', 'ju', 'joo', 'u', 'woo',
  ],
  /** Syllables of Korean given names (the most frequent in North and South Korean names). */
  koreanGiven: [
    'chol', 'cheol', 'chul', 'il', 'yong', 'young', 'song', 'sung', 'seong', 'ho', 'nam', 'hyok', 'hyuk', 'myong', 'myung',
    'kwang', 'gwang', 'chun', 'su', 'soo', 'sok', 'seok', 'jin', 'chin', 'hui', 'hee', 'ok', 'sun', 'min', 'jun', 'joon', 'hyun',
    'hyon', 'ji', 'yeon', 'yon', 'woo', 'u', 'hwa', 'gil', 'kil', 'man', 'nam', 'guk', 'kuk', 'dong', 'tong', 'jae', 'chae',
    'sang', 'hun', 'hoon', 'kyong', 'kyung', 'gyeong', 'hak', 'chang', 'mi', 'yeong', 'won', 'sik', 'hyo', 'un', 'eun', 'ae',
    'ryong', 'ryol', 'bok', 'pok', 'ik', 'taek', 'thaek', 'gyu', 'kyu', 'seon', 'in', 'hye', 'jung', 'jong', 'jeong',
  ],
  /** Chinese and Vietnamese surnames and given-name syllables of highest frequency. */
  chinese: [
    'wang', 'li', 'zhang', 'liu', 'chen', 'yang', 'huang', 'zhao', 'wu', 'zhou', 'xu', 'sun', 'ma', 'zhu', 'hu', 'guo', 'he', 'lin',
    'gao', 'luo', 'zheng', 'liang', 'xie', 'song', 'tang', 'han', 'feng', 'deng', 'cao', 'peng', 'wei', 'wen', 'jun', 'ming', 'hua',
    'xiao', 'hong', 'yan', 'ying', 'jie', 'lei', 'fang', 'ping', 'hui', 'yu', 'xin', 'nguyen', 'tran', 'le', 'pham', 'hoang', 'vu',
    'vo', 'dang', 'bui', 'do', 'ngo', 'duong', 'van', 'thi', 'minh', 'thanh', 'anh',
  ],
  /** Arabic, Persian, Turkic and South Asian given names and name elements. */
  arabic: [
    'muhammad', 'mohammad', 'mohammed', 'mohamed', 'muhammed', 'mohamad', 'mehmet', 'ahmad', 'ahmed', 'ali', 'hassan', 'hasan',
    'hussein', 'husain', 'hussain', 'husayn', 'ibrahim', 'abdul', 'abdel', 'abd', 'abdallah', 'abdullah', 'abdulla', 'abu', 'omar',
    'umar', 'othman', 'usman', 'osman', 'yusuf', 'youssef', 'yousef', 'khalid', 'khaled', 'mahmoud', 'mahmud', 'mustafa', 'mostafa',
    'said', 'saeed', 'sayed', 'sayyid', 'salem', 'salim', 'saleh', 'salih', 'karim', 'rahman', 'rahim', 'aziz', 'hamid', 'hamed',
    'amin', 'amir', 'bashir', 'nasser', 'nasir', 'jamal', 'kamal', 'tariq', 'faisal', 'fahd', 'sultan', 'musa', 'isa', 'yahya',
    'ismail', 'idris', 'adam', 'fatima', 'aisha', 'maryam', 'zainab', 'khadija', 'noor', 'nur', 'din', 'uddin', 'khan', 'shah',
    'reza', 'hossein', 'mehdi', 'javad', 'haji', 'hajji', 'mullah', 'sheikh', 'shaikh', 'ould', 'abo',
  ],
  /** English, German, French, Spanish, Italian and Turkish given names and surnames of highest frequency. */
  european: [
    'john', 'james', 'robert', 'michael', 'william', 'david', 'richard', 'joseph', 'thomas', 'charles', 'christopher', 'daniel',
    'matthew', 'anthony', 'mark', 'donald', 'steven', 'paul', 'andrew', 'joshua', 'kenneth', 'kevin', 'brian', 'george', 'edward',
    'ronald', 'timothy', 'jason', 'jeffrey', 'ryan', 'jacob', 'gary', 'eric', 'stephen', 'peter', 'frank', 'scott', 'jack', 'henry',
    'mike', 'tom', 'bob', 'bill', 'jim', 'sam', 'ben', 'dan', 'tony', 'mary', 'patricia', 'jennifer',
    'linda', 'elizabeth', 'barbara', 'susan', 'jessica', 'sarah', 'karen', 'nancy', 'lisa', 'margaret', 'sandra', 'ashley', 'emily',
    'donna', 'michelle', 'laura', 'helen', 'anna', 'emma', 'olivia', 'smith', 'johnson', 'williams', 'brown', 'jones', 'miller',
    'davis', 'wilson', 'anderson', 'taylor', 'moore', 'jackson', 'martin', 'lee', 'thompson', 'white', 'harris', 'clark', 'lewis',
    'robinson', 'walker', 'young', 'allen', 'king', 'wright', 'scott', 'hill', 'green', 'adams', 'baker', 'hall', 'evans', 'roberts',
    'hans', 'peter', 'klaus', 'jurgen', 'wolfgang', 'michael', 'thomas', 'andreas', 'stefan', 'muller', 'mueller', 'schmidt',
    'schneider', 'fischer', 'weber', 'meyer', 'meier', 'wagner', 'becker', 'schulz', 'hoffmann', 'jean', 'pierre', 'michel',
    'philippe', 'alain', 'marie', 'nicolas', 'martin', 'bernard', 'dubois', 'thomas', 'robert', 'richard', 'petit', 'durand',
    'jose', 'juan', 'carlos', 'luis', 'antonio', 'manuel', 'francisco', 'jesus', 'javier', 'miguel', 'pedro', 'maria', 'carmen',
    'ana', 'garcia', 'rodriguez', 'martinez', 'lopez', 'gonzalez', 'hernandez', 'perez', 'sanchez', 'ramirez', 'torres', 'giuseppe',
    'giovanni', 'marco', 'luca', 'francesco', 'rossi', 'russo', 'ferrari', 'esposito', 'bianchi', 'mehmet', 'mustafa', 'ahmet',
    'yilmaz', 'kaya', 'demir', 'sahin', 'celik',
  ],
};

/** Every token of the table, in lower-case Latin. */
export const COMMON_NAME_TOKENS: ReadonlySet<string> = new Set(Object.values(GROUPS).flat());

/** The groups of the table and their sizes, for the documentation and the benchmark's report. */
export function commonNameGroups(): Record<string, number> {
  return Object.fromEntries(Object.entries(GROUPS).map(([k, v]) => [k, new Set(v).size]));
}

const PATRONYMIC = /^[a-z]{2,}(ovich|evich|ovych|evych|ovna|evna|ivna|ichna)$/u;

/** True for a Russian or Ukrainian patronymic in Latin letters (Ivanovich, Sergeevna, Petrivna, Ilinichna). */
export function isPatronymic(token: string): boolean {
  return PATRONYMIC.test(token);
}
