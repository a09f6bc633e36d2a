/**
 * Passwords that appear at the top of public leaked-password corpora
 * (RockYou and later breach compilations, the yearly NordPass / SplashData
 * "most common passwords" lists, their French and Swiss editions) plus the
 * service's own name — NIST SP 800-63B §3.1.1.2 asks verifiers to refuse
 * "values known to be commonly-used, expected, or compromised", including
 * context-specific words such as the name of the service.
 *
 * Stored lower-case; `checkPasswordPolicy` compares case-insensitively and also
 * after removing trailing digits and symbols, so "Azerty2024!" hits "azerty"
 * and this list need not enumerate suffixes. Entries shorter than the minimum
 * length still matter for that reason.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  // International top lists
  '123456', '123456789', '12345678', '12345', '1234567', '1234567890', '1234', '111111', '123123', '000000',
  '654321', '666666', '121212', '123321', '112233', '159753', '987654321', '0987654321', '11111111', '123123123',
  '1234512345', '12341234', '87654321', '555555', '777777', '7777777', '888888', '88888888', '999999', '222222',
  '333333', '131313', '232323', '696969', '1111111111', '111111111', '11111111111', '123456a', 'a123456',
  'aa123456', 'aa12345678', 'abc123', 'abcd1234', 'abc12345', '1q2w3e', '1q2w3e4r', '1q2w3e4r5t', 'q1w2e3r4',
  'q1w2e3r4t5', '1qaz2wsx', 'zaq12wsx', '!qaz2wsx', 'qazwsx', 'qwerty', 'qwerty1', 'qwerty123', 'qwertyuiop',
  'qwer1234', '1234qwer', 'asdfgh', 'asdfghjkl', 'asdfasdf', 'zxcvbn', 'zxcvbnm', 'password', 'password1',
  'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'pass', 'pass123', 'admin', 'admin123', 'administrator',
  'root', 'toor', 'guest', 'user', 'demo', 'test', 'test123', 'login', 'welcome', 'welcome1', 'changeme',
  'default', 'letmein', 'secret', 'unknown', 'iloveyou', 'iloveu', 'loveme', 'love', 'lovely', 'trustno1',
  'whatever', 'hello', 'hello123', 'monkey', 'dragon', 'master', 'shadow', 'sunshine', 'princess', 'football',
  'baseball', 'soccer', 'hockey', 'superman', 'batman', 'spiderman', 'starwars', 'pokemon', 'naruto', 'michael',
  'jennifer', 'jordan', 'jordan23', 'michelle', 'jessica', 'ashley', 'amanda', 'nicole', 'daniel', 'andrew',
  'charlie', 'robert', 'thomas', 'william', 'matthew', 'joshua', 'anthony', 'justin', 'taylor', 'hunter',
  'buster', 'tigger', 'pepper', 'ginger', 'maggie', 'bailey', 'cookie', 'cheese', 'summer', 'winter', 'freedom',
  'killer', 'mustang', 'harley', 'ranger', 'george', 'computer', 'internet', 'samsung', 'apple', 'google',
  'facebook', 'linkedin', 'matrix', 'merlin', 'diamond', 'silver', 'golden', 'yellow', 'purple', 'orange',
  'banana', 'chocolate', 'flower', 'angel', 'angels', 'forever', 'friends', 'family', 'money', 'qwertyu',
  'zxcvbnm123', 'asd123', 'qwe123', '123qwe', '123abc', 'abcdef', 'abcdefg', 'abcdefgh', 'aaaaaa', 'xxxxxx',
  'azerty', 'qwertz', 'mynoob', 'liverpool', 'chelsea', 'arsenal', 'barcelona', 'realmadrid', 'juventus',
  'ferrari', 'mercedes', 'porsche', 'corvette', 'yamaha', 'london', 'dallas', 'chicago', 'boston', 'america',
  'canada', 'snoopy', 'scooby', 'pikachu', 'minecraft', 'fortnite', 'roblox', 'gandalf', 'phoenix', 'falcon',
  'monster', 'thunder', 'blink182', 'metallica', 'nirvana', 'eminem', 'zxcv1234', 'qazxsw', 'asdf1234',

  // French and French-keyboard favourites
  'azerty1', 'azerty12', 'azerty123', 'azerty1234', 'azertyu', 'azertyui', 'azertyuiop', 'azertyuiop123',
  'aqwzsx', 'azsxdc', 'qsdfgh', 'qsdfghjklm', 'wxcvbn', 'a1z2e3r4', 'a1z2e3r4t5', '1234azerty', 'motdepasse',
  'motdepasse1', 'motdepasse123', 'mdp123', 'mdp', 'monmotdepasse', 'bienvenue', 'bienvenue1', 'bonjour',
  'bonjour1', 'bonjour123', 'salut', 'coucou', 'jetaime', 'jetaime1', 'jetaime123', 'jtm', 'amour',
  'monamour', 'mamour', 'moncoeur', 'bisous', 'doudou', 'doudou123', 'loulou', 'loulou123', 'chouchou', 'chouchoute',
  'soleil', 'soleil123', '123soleil', 'marseille', 'marseille13', 'paris', 'paris75', 'toulouse', 'lyon',
  'bordeaux', 'nantes', 'lille', 'strasbourg', 'bretagne', 'france', 'allezlom', 'psg', 'olympique', 'princesse',
  'chocolat', 'caramel', 'nutella', 'vacances', 'papillon', 'chaton', 'minou', 'minouche', 'lapin', 'cheval',
  'tintin', 'titeuf', 'pompier', 'poupoune', 'biscotte', 'doudoune', 'nounours', 'cacahuete', 'fripouille',
  'choupette', 'puce', 'nicolas', 'julien', 'camille', 'olivier', 'celine', 'nathalie', 'isabelle', 'sandrine',
  'stephanie', 'sebastien', 'alexandre', 'maxime', 'antoine', 'pierre', 'louise', 'emma', 'manon', 'lucas',
  'mathieu', 'laurent', 'christophe', 'frederic', 'vincent', 'caroline', 'audrey', 'aurelie', 'marine',
  'utilisateur', 'administrateur', 'secret123', 'azerty2020', 'azerty2024', 'doudou1', 'jesus', 'dieu',

  // German, Italian and Swiss favourites (Comptoir serves Switzerland)
  'qwertz123', 'qwertzu', 'qwertzuiop', 'passwort', 'passwort1', 'hallo', 'hallo123', 'schatz', 'schatzi',
  'ichliebedich', 'fussball', 'schalke04', 'bayern', 'schweiz', 'suisse', 'svizzera', 'zurich', 'zuerich',
  'geneve', 'lausanne', 'basel', 'bern', 'lugano', 'ciao', 'amore', 'tiamo', 'juve', 'schnuffel',

  // The service itself
  'comptoir', 'comptoir123',
]);
