// Violence classification of DOMAIN.md §4, stored per incident: the acts of Law 13/2022/QH15 Art. 3(1), the
// Vietnamese forms derived from them, the GBVIMS core type for comparability, and the case context.
import type { BilingualLabel } from './labels.js';

/** Hình thức bạo lực: the four forms the law's definition of domestic violence names (Art. 2(1)). */
export const VIOLENCE_FORMS = ['physical', 'mental', 'sexual', 'economic'] as const;
export type ViolenceForm = (typeof VIOLENCE_FORMS)[number];

export const VIOLENCE_FORM_LABELS: Readonly<Record<ViolenceForm, BilingualLabel>> = {
  physical: { vi: 'Thể chất', en: 'Physical' },
  mental: { vi: 'Tinh thần', en: 'Mental' },
  sexual: { vi: 'Tình dục', en: 'Sexual' },
  economic: { vi: 'Kinh tế', en: 'Economic' },
};

/**
 * The 16 points of Art. 3(1). The law letters them with the Vietnamese alphabet (a, b, c, d, đ, e, g, h,
 * i, k, l, m, n, o, p, q: no f or j); codes stay ASCII, so point đ has the code 'dd', and `point` keeps the
 * letter the law prints.
 */
export const VIOLENCE_ACTS = ['a', 'b', 'c', 'd', 'dd', 'e', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'q'] as const;
export type ViolenceAct = (typeof VIOLENCE_ACTS)[number];

export interface ViolenceActDefinition {
  /** The letter of the point in Art. 3(1), as printed in the law. */
  point: string;
  /** The law's text (vi) and a faithful English rendering. */
  text: BilingualLabel;
  /** A short name for lists and report columns. */
  short: BilingualLabel;
  /** The form(s) of violence the act counts under in reports. */
  forms: readonly ViolenceForm[];
}

/**
 * Texts of Law 13/2022/QH15 (14/11/2022, in force 1/7/2023), Art. 3(1). The mapping to forms is the
 * product's default reading: where an act harms in two ways (neglect deprives materially and
 * emotionally; confinement is physical and mental) it counts under both.
 */
export const VIOLENCE_ACT_DEFINITIONS: Readonly<Record<ViolenceAct, ViolenceActDefinition>> = {
  a: {
    point: 'a',
    text: {
      vi: 'Hành hạ, ngược đãi, đánh đập, đe dọa hoặc hành vi cố ý khác xâm hại đến sức khỏe, tính mạng',
      en: 'Torturing, maltreating, beating, threatening or other intentional acts that harm health or life',
    },
    short: { vi: 'Hành hạ, ngược đãi, đánh đập, đe dọa', en: 'Beating, maltreatment, threats to health or life' },
    forms: ['physical'],
  },
  b: {
    point: 'b',
    text: {
      vi: 'Lăng mạ, chì chiết hoặc hành vi cố ý khác xúc phạm danh dự, nhân phẩm',
      en: 'Insulting, nagging or other intentional acts that offend honour or dignity',
    },
    short: { vi: 'Lăng mạ, chì chiết, xúc phạm', en: 'Insults, humiliation' },
    forms: ['mental'],
  },
  c: {
    point: 'c',
    text: {
      vi: 'Cưỡng ép chứng kiến bạo lực đối với người, con vật nhằm gây áp lực thường xuyên về tâm lý',
      en: 'Forcing someone to witness violence against people or animals to put them under constant psychological pressure',
    },
    short: { vi: 'Cưỡng ép chứng kiến bạo lực', en: 'Forced to witness violence' },
    forms: ['mental'],
  },
  d: {
    point: 'd',
    text: {
      vi: 'Bỏ mặc, không quan tâm; không nuôi dưỡng, chăm sóc thành viên gia đình là trẻ em, phụ nữ mang thai, phụ nữ đang nuôi con dưới 36 tháng tuổi, người cao tuổi, người khuyết tật, người không có khả năng tự chăm sóc; không giáo dục thành viên gia đình là trẻ em',
      en: 'Abandoning or ignoring; not feeding or caring for family members who are children, pregnant women, women raising a child under 36 months, older people, people with disabilities or people unable to care for themselves; not educating family members who are children',
    },
    short: { vi: 'Bỏ mặc, không nuôi dưỡng, chăm sóc', en: 'Neglect of dependants' },
    forms: ['mental', 'economic'],
  },
  dd: {
    point: 'đ',
    text: {
      vi: 'Kỳ thị, phân biệt đối xử về hình thể, giới, giới tính, năng lực của thành viên gia đình',
      en: "Stigmatising or discriminating against a family member because of their body, gender, sex or abilities",
    },
    short: { vi: 'Kỳ thị, phân biệt đối xử', en: 'Stigma, discrimination' },
    forms: ['mental'],
  },
  e: {
    point: 'e',
    text: {
      vi: 'Ngăn cản thành viên gia đình gặp gỡ người thân, có quan hệ xã hội hợp pháp, lành mạnh hoặc hành vi khác nhằm cô lập, gây áp lực thường xuyên về tâm lý',
      en: 'Preventing a family member from meeting relatives or having lawful, healthy social relations, or other acts meant to isolate them or put them under constant psychological pressure',
    },
    short: { vi: 'Ngăn cản gặp gỡ, cô lập', en: 'Cutting off from relatives, isolation' },
    forms: ['mental'],
  },
  g: {
    point: 'g',
    text: {
      vi: 'Ngăn cản việc thực hiện quyền, nghĩa vụ trong quan hệ gia đình giữa ông, bà và cháu; giữa cha, mẹ và con; giữa vợ và chồng; giữa anh, chị, em với nhau',
      en: 'Obstructing the exercise of rights and duties in family relations between grandparents and grandchildren, parents and children, wife and husband, and between siblings',
    },
    short: { vi: 'Ngăn cản quyền, nghĩa vụ trong gia đình', en: 'Obstructing family rights and duties' },
    forms: ['mental'],
  },
  h: {
    point: 'h',
    text: {
      vi: 'Tiết lộ hoặc phát tán thông tin về đời sống riêng tư, bí mật cá nhân và bí mật gia đình của thành viên gia đình nhằm xúc phạm danh dự, nhân phẩm',
      en: "Disclosing or spreading information about a family member's private life, personal or family secrets to offend their honour or dignity",
    },
    short: { vi: 'Tiết lộ, phát tán đời tư', en: 'Disclosing private life' },
    forms: ['mental'],
  },
  i: {
    point: 'i',
    text: {
      vi: 'Cưỡng ép thực hiện hành vi quan hệ tình dục trái ý muốn của vợ hoặc chồng',
      en: 'Forcing sexual intercourse against the will of one’s wife or husband',
    },
    short: { vi: 'Cưỡng ép quan hệ tình dục', en: 'Forced sex with a spouse' },
    forms: ['sexual'],
  },
  k: {
    point: 'k',
    text: {
      vi: 'Cưỡng ép trình diễn hành vi khiêu dâm; cưỡng ép nghe âm thanh, xem hình ảnh, đọc nội dung khiêu dâm, kích thích bạo lực',
      en: 'Forcing someone to perform pornographic acts; forcing them to listen to, watch or read pornographic or violence-inciting content',
    },
    short: { vi: 'Cưỡng ép khiêu dâm', en: 'Forced pornography' },
    forms: ['sexual'],
  },
  l: {
    point: 'l',
    text: {
      vi: 'Cưỡng ép tảo hôn, kết hôn, ly hôn hoặc cản trở kết hôn, ly hôn hợp pháp',
      en: 'Forcing child marriage, marriage or divorce, or obstructing lawful marriage or divorce',
    },
    short: { vi: 'Cưỡng ép tảo hôn, kết hôn, ly hôn', en: 'Forced child marriage, marriage or divorce' },
    forms: ['mental'],
  },
  m: {
    point: 'm',
    text: {
      vi: 'Cưỡng ép mang thai, phá thai, lựa chọn giới tính thai nhi',
      en: 'Forcing pregnancy, abortion or selection of the sex of the foetus',
    },
    short: { vi: 'Cưỡng ép mang thai, phá thai', en: 'Forced pregnancy or abortion' },
    forms: ['sexual', 'physical'],
  },
  n: {
    point: 'n',
    text: {
      vi: 'Chiếm đoạt, hủy hoại tài sản chung của gia đình hoặc tài sản riêng của thành viên khác trong gia đình',
      en: "Appropriating or destroying the family's common property or another family member's own property",
    },
    short: { vi: 'Chiếm đoạt, hủy hoại tài sản', en: 'Taking or destroying property' },
    forms: ['economic'],
  },
  o: {
    point: 'o',
    text: {
      vi: 'Cưỡng ép thành viên gia đình học tập, lao động quá sức, đóng góp tài chính quá khả năng của họ; kiểm soát tài sản, thu nhập của thành viên gia đình nhằm tạo ra tình trạng phụ thuộc về mặt vật chất, tinh thần hoặc các mặt khác',
      en: "Forcing family members to study or work beyond their strength or to contribute money beyond their means; controlling family members' property or income to make them materially, mentally or otherwise dependent",
    },
    short: { vi: 'Cưỡng ép lao động quá sức, kiểm soát thu nhập', en: 'Forced overwork, control of income' },
    forms: ['economic'],
  },
  p: {
    point: 'p',
    text: { vi: 'Cô lập, giam cầm thành viên gia đình', en: 'Isolating or confining a family member' },
    short: { vi: 'Cô lập, giam cầm', en: 'Confinement' },
    forms: ['physical', 'mental'],
  },
  q: {
    point: 'q',
    text: {
      vi: 'Cưỡng ép thành viên gia đình ra khỏi chỗ ở hợp pháp trái pháp luật',
      en: 'Unlawfully forcing a family member out of their lawful home',
    },
    short: { vi: 'Cưỡng ép ra khỏi chỗ ở', en: 'Unlawful eviction' },
    forms: ['economic', 'mental'],
  },
};

export function isViolenceAct(value: string): value is ViolenceAct {
  return (VIOLENCE_ACTS as readonly string[]).includes(value);
}

/** The forms of violence of a set of acts, each once, in the order of VIOLENCE_FORMS. */
export function formsOfActs(
  acts: readonly ViolenceAct[],
  definitions: Readonly<Record<ViolenceAct, Pick<ViolenceActDefinition, 'forms'>>> = VIOLENCE_ACT_DEFINITIONS,
): ViolenceForm[] {
  const found = new Set<ViolenceForm>();
  for (const act of acts) for (const form of definitions[act].forms) found.add(form);
  return VIOLENCE_FORMS.filter((form) => found.has(form));
}

/**
 * The six GBVIMS core types, in the order the GBVIMS classification tool asks about them. The order
 * matters: an incident is given the first type that applies, so a rape that also involved beating is
 * counted once, as rape, and figures stay comparable with other countries.
 */
export const GBVIMS_TYPES = [
  'rape',
  'sexual_assault',
  'physical_assault',
  'forced_marriage',
  'denial_of_resources',
  'psychological_abuse',
] as const;
export type GbvimsType = (typeof GBVIMS_TYPES)[number];

export const GBVIMS_TYPE_LABELS: Readonly<Record<GbvimsType, BilingualLabel>> = {
  rape: { vi: 'Hiếp dâm', en: 'Rape' },
  sexual_assault: { vi: 'Tấn công tình dục', en: 'Sexual assault' },
  physical_assault: { vi: 'Tấn công thể chất', en: 'Physical assault' },
  forced_marriage: { vi: 'Cưỡng ép kết hôn', en: 'Forced marriage' },
  denial_of_resources: { vi: 'Tước đoạt nguồn lực, cơ hội hoặc dịch vụ', en: 'Denial of resources, opportunities or services' },
  psychological_abuse: { vi: 'Lạm dụng tâm lý, tình cảm', en: 'Psychological / emotional abuse' },
};

/** The classifier's yes/no question for each type, asked in the order of GBVIMS_TYPES. */
export const GBVIMS_QUESTIONS: Readonly<Record<GbvimsType, BilingualLabel>> = {
  rape: {
    vi: 'Hành vi có bao gồm việc xâm nhập trái ý muốn (dù chỉ một chút) vào âm đạo, hậu môn hoặc miệng bằng dương vật, bộ phận khác của cơ thể hoặc đồ vật không?',
    en: 'Did the act include non-consensual penetration, however slight, of the vagina, anus or mouth with a penis, another body part or an object?',
  },
  sexual_assault: {
    vi: 'Hành vi có bao gồm tiếp xúc tình dục trái ý muốn mà không có xâm nhập (sờ mó, hôn, động chạm vào bộ phận sinh dục …) không?',
    en: 'Did the act include unwanted sexual contact without penetration (groping, kissing, touching of genitals …)?',
  },
  physical_assault: {
    vi: 'Hành vi có bao gồm tấn công thể chất không mang tính tình dục (đánh, tát, đá, đẩy, bóp cổ, dùng hung khí …) không?',
    en: 'Did the act include physical violence that is not sexual (hitting, slapping, kicking, pushing, choking, use of a weapon …)?',
  },
  forced_marriage: {
    vi: 'Đây có phải là việc cưỡng ép kết hôn, kể cả tảo hôn, trái ý muốn của người bị bạo lực không?',
    en: 'Was this a marriage, including a child marriage, forced on the survivor against their will?',
  },
  denial_of_resources: {
    vi: 'Hành vi có bao gồm việc tước đoạt hoặc ngăn cản tiếp cận nguồn lực, cơ hội, dịch vụ (tài sản, thu nhập, học tập, việc làm, chăm sóc y tế …) không?',
    en: 'Did the act deny the survivor resources, opportunities or services they are entitled to (property, income, schooling, work, health care …)?',
  },
  psychological_abuse: {
    vi: 'Hành vi có gây tổn hại về tâm lý, tình cảm (đe dọa, lăng mạ, làm nhục, cô lập, kiểm soát, theo dõi …) không?',
    en: 'Did the act cause mental or emotional harm (threats, insults, humiliation, isolation, control, stalking …)?',
  },
};

/** Answers to the six questions; a question not answered counts as "no". */
export type GbvimsAnswers = Readonly<Partial<Record<GbvimsType, boolean>>>;

/** The first GBVIMS type whose question was answered "yes", or null when none applies. */
export function classifyGbvims(answers: GbvimsAnswers): GbvimsType | null {
  return GBVIMS_TYPES.find((type) => answers[type] === true) ?? null;
}

/** Bối cảnh: where and between whom the violence happened. Kept apart from the type, as GBVIMS asks. */
export const CASE_CONTEXTS = ['domestic_violence', 'intimate_partner', 'family', 'workplace', 'school', 'community', 'online'] as const;
export type CaseContext = (typeof CASE_CONTEXTS)[number];

export const CASE_CONTEXT_LABELS: Readonly<Record<CaseContext, BilingualLabel>> = {
  domestic_violence: { vi: 'Bạo lực gia đình', en: 'Domestic violence' },
  intimate_partner: { vi: 'Bạo lực giữa vợ chồng, bạn tình', en: 'Intimate-partner violence' },
  family: { vi: 'Người thân, họ hàng không sống chung', en: 'Family (relatives not living together)' },
  workplace: { vi: 'Nơi làm việc', en: 'Workplace' },
  school: { vi: 'Trường học', en: 'School' },
  community: { vi: 'Cộng đồng', en: 'Community' },
  online: { vi: 'Trên mạng', en: 'Online' },
};
